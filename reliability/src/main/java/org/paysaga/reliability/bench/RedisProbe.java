package org.paysaga.reliability.bench;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the benchmark reads from its own Redis: command counts ({@code INFO commandstats}), the
 * memory a saga's keys take ({@code MEMORY USAGE}), and resets between measurements. The Redis is
 * the benchmark's own server: flushing it is safe. The scale curves read it the same way.
 */
public final class RedisProbe implements AutoCloseable {
  /** The probe's own commands, not the sagas'. */
  public static final Set<String> PROBE_COMMANDS =
      Set.of("info", "config", "config|resetstat", "memory", "memory|usage", "scan", "ttl", "flushall", "monitor",
          "hello", "client", "client|setinfo", "ping", "command", "command|docs");

  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;

  public RedisProbe(String url) {
    this.client = RedisClient.create(url);
    this.connection = client.connect();
    this.redis = connection.sync();
  }

  public void flushAll() {
    redis.flushall();
  }

  public void resetStats() {
    redis.configResetstat();
  }

  /** Calls per command since the last reset (commands run by Lua scripts included). */
  public Map<String, Long> commandCalls() {
    return parseCommandStats(redis.info("commandstats"));
  }

  /** Microseconds Redis spent per command since the last reset: the server's work, no round trip. */
  public Map<String, Long> commandMicros() {
    return parseCommandStats(redis.info("commandstats"), "usec");
  }

  /** Bytes of one key ({@code MEMORY USAGE}, all of it sampled); 0 when it does not exist. */
  public long memoryUsage(String key) {
    Long bytes = redis.memoryUsage(key);
    return bytes == null ? 0 : bytes;
  }

  public long usedMemory() {
    for (String line : redis.info("memory").split("\r?\n")) {
      if (line.startsWith("used_memory:")) {
        return Long.parseLong(line.substring("used_memory:".length()).trim());
      }
    }
    throw new IllegalStateException("INFO memory has no used_memory");
  }

  /** Every key carrying the saga's hash tag, with its exact memory usage and TTL. */
  List<KeyFootprint> footprint(String sagaId) {
    List<KeyFootprint> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    ScanArgs match = ScanArgs.Builder.matches("*{" + sagaId + "}*").limit(10_000);
    do {
      KeyScanCursor<String> page = redis.scan(cursor, match);
      for (String key : page.getKeys()) {
        Long bytes = redis.memoryUsage(key);
        keys.add(new KeyFootprint(key, bytes == null ? 0 : bytes, redis.ttl(key)));
      }
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  /** One key of a saga: its bytes ({@code MEMORY USAGE}) and seconds to live (-1: none). */
  record KeyFootprint(String key, long bytes, long ttlSeconds) {}

  /** {@code cmdstat_evalsha:calls=8,usec=...} lines to {@code evalsha -> 8}. */
  static Map<String, Long> parseCommandStats(String info) {
    return parseCommandStats(info, "calls");
  }

  /** One field ({@code calls}, {@code usec}) of every {@code cmdstat_} line. */
  static Map<String, Long> parseCommandStats(String info, String name) {
    String prefix = name + "=";
    Map<String, Long> calls = new TreeMap<>();
    for (String line : info.split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      String command = line.substring("cmdstat_".length(), line.indexOf(':'));
      for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
        if (field.startsWith(prefix)) {
          calls.put(command, Long.parseLong(field.substring(prefix.length())));
        }
      }
    }
    return calls;
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
