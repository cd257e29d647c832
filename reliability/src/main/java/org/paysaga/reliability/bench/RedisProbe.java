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
import java.util.TreeMap;

/**
 * What the benchmark reads from its own Redis: command counts ({@code INFO commandstats}), the
 * memory a saga's keys take ({@code MEMORY USAGE}), and resets between measurements. The Redis is
 * the benchmark's own server: flushing it is safe.
 */
final class RedisProbe implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;

  RedisProbe(String url) {
    this.client = RedisClient.create(url);
    this.connection = client.connect();
    this.redis = connection.sync();
  }

  void flushAll() {
    redis.flushall();
  }

  void resetStats() {
    redis.configResetstat();
  }

  /** Calls per command since the last reset (commands run by Lua scripts included). */
  Map<String, Long> commandCalls() {
    return parseCommandStats(redis.info("commandstats"));
  }

  long usedMemory() {
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
    Map<String, Long> calls = new TreeMap<>();
    for (String line : info.split("\r?\n")) {
      if (!line.startsWith("cmdstat_")) {
        continue;
      }
      String command = line.substring("cmdstat_".length(), line.indexOf(':'));
      for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
        if (field.startsWith("calls=")) {
          calls.put(command, Long.parseLong(field.substring("calls=".length())));
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
