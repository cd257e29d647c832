package org.paysaga.reliability.scale;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.paysaga.saga.SweepCursor;

/**
 * Fills the in-flight registry ({@code saga:{inflight}}) with {@code n} sagas, entry {@code i}
 * being {@link PaymentIds#sagaId}(i) started at {@link #score}(i): one saga a millisecond, as
 * distinct as real start times. ZADD with many members per call, many calls pipelined, on a
 * connection of its own (pipelining turns off its auto-flush).
 */
final class RegistryFill {
  /** 2026-12-02T00:00:00Z. */
  static final long FIRST_START_MILLIS = 1_796_169_600_000L;
  private static final int MEMBERS_PER_ZADD = 1_000;
  private static final int ZADDS_PER_FLUSH = 50;

  private RegistryFill() {}

  static long score(long index) {
    return FIRST_START_MILLIS + index;
  }

  /** Where a sweep must start for its page to begin at entry {@code index}. */
  static SweepCursor cursorBefore(long index) {
    return index == 0 ? SweepCursor.START : new SweepCursor(score(index - 1), PaymentIds.sagaId(index - 1), 0);
  }

  static void fill(String redisUrl, String key, long n) {
    RedisClient client = RedisClient.create(redisUrl);
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.setAutoFlushCommands(false);
      RedisAsyncCommands<String, String> redis = connection.async();
      List<RedisFuture<Long>> pending = new ArrayList<>();
      for (long from = 0; from < n; from += MEMBERS_PER_ZADD) {
        long to = Math.min(n, from + MEMBERS_PER_ZADD);
        List<ScoredValue<String>> members = new ArrayList<>((int) (to - from));
        for (long i = from; i < to; i++) {
          members.add(ScoredValue.just(score(i), PaymentIds.sagaId(i)));
        }
        @SuppressWarnings("unchecked")
        ScoredValue<String>[] array = members.toArray(ScoredValue[]::new);
        pending.add(redis.zadd(key, array));
        if (pending.size() == ZADDS_PER_FLUSH) {
          flush(connection, pending);
        }
      }
      flush(connection, pending);
    } finally {
      client.shutdown();
    }
  }

  private static void flush(StatefulRedisConnection<String, String> connection, List<RedisFuture<Long>> pending) {
    connection.flushCommands();
    if (!LettuceFutures.awaitAll(Duration.ofMinutes(1), pending.toArray(RedisFuture[]::new))) {
      throw new IllegalStateException("the registry fill timed out");
    }
    pending.clear();
  }
}
