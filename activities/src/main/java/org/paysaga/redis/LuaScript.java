package org.paysaga.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script from the classpath, run atomically on Redis. It is sent by its SHA1 (EVALSHA) and,
 * when Redis no longer knows it (after a restart, a failover or SCRIPT FLUSH), in full (EVAL),
 * which also loads it again for the next call.
 *
 * <p>Works on standalone and cluster connections alike; on a cluster all keys of one call must
 * share a hash tag, because a script runs on the one node that owns the first key's slot.
 */
public final class LuaScript {
  private final String name;
  private final String source;
  private final String sha1;

  private LuaScript(String name, String source) {
    this.name = name;
    this.source = source;
    this.sha1 = sha1Hex(source);
  }

  /** Loads a script from a classpath resource such as {@code lua/sandbox/record-once.lua}. */
  public static LuaScript fromClasspath(String resource) {
    try (InputStream in = LuaScript.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("Lua script not on the classpath: " + resource);
      }
      return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read Lua script " + resource, e);
    }
  }

  /**
   * Wraps the body script in a wrapper script: the body becomes a Lua function at the wrapper's
   * {@code --[[BODY]]} line. Used to run business writes inside the idempotency barrier.
   */
  public static LuaScript wrapped(String wrapperResource, String bodyResource) {
    LuaScript wrapper = fromClasspath(wrapperResource);
    LuaScript body = fromClasspath(bodyResource);
    if (!wrapper.source.contains("--[[BODY]]")) {
      throw new IllegalArgumentException(wrapperResource + " has no --[[BODY]] line");
    }
    return new LuaScript(wrapperResource + "(" + bodyResource + ")",
        wrapper.source.replace("--[[BODY]]", body.source));
  }

  /** Runs the script with these keys and arguments; the reply is shaped by {@code type}. */
  public <T> T run(RedisClusterCommands<String, String> redis, ScriptOutputType type,
      List<String> keys, String... args) {
    String[] keyArray = keys.toArray(String[]::new);
    try {
      return redis.evalsha(sha1, type, keyArray, args);
    } catch (RedisNoScriptException e) {
      return redis.eval(source, type, keyArray, args);
    }
  }

  public String name() {
    return name;
  }

  public String sha1() {
    return sha1;
  }

  private static String sha1Hex(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform must provide SHA-1", e);
    }
  }

  @Override
  public String toString() {
    return "LuaScript[" + name + " " + sha1 + "]";
  }
}
