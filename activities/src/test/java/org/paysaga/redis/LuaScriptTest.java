package org.paysaga.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paysaga.testing.RedisTestServer;

class LuaScriptTest {
  private static final String ECHO = "lua/test/echo.lua";

  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final LuaScript echo = LuaScript.fromClasspath(ECHO);

  @Test
  void itsSha1IsTheOneRedisComputes() throws IOException {
    assertThat(echo.sha1()).isEqualTo(redis.scriptLoad(source(ECHO)));
  }

  @Test
  void runsWithKeysAndArguments() {
    List<Object> reply = echo.run(redis, ScriptOutputType.MULTI, List.of("lua-test:key"), "hello");

    assertThat(reply).containsExactly("lua-test:key", "hello");
    assertThat(redis.scriptExists(echo.sha1())).containsExactly(true);
  }

  @Test
  void sendsTheScriptAgainWhenRedisForgotIt() {
    // SCRIPT FLUSH hits the whole server: only on the Redis this JVM started.
    assumeTrue(RedisTestServer.get().isEmbedded(), "REDIS_URL is shared: no SCRIPT FLUSH there");
    echo.run(redis, ScriptOutputType.MULTI, List.of("lua-test:key"), "before");
    redis.scriptFlush();
    assertThat(redis.scriptExists(echo.sha1())).containsExactly(false);

    List<Object> reply = echo.run(redis, ScriptOutputType.MULTI, List.of("lua-test:key"), "after");

    assertThat(reply).containsExactly("lua-test:key", "after");
    assertThat(redis.scriptExists(echo.sha1())).containsExactly(true);
  }

  @Test
  void aMissingScriptFailsWhenLoaded() {
    assertThatThrownBy(() -> LuaScript.fromClasspath("lua/test/missing.lua"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lua/test/missing.lua");
  }

  private static String source(String resource) throws IOException {
    try (InputStream in = LuaScriptTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
