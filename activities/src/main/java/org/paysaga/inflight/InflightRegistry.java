package org.paysaga.inflight;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.ZAddArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.ArrayList;
import java.util.List;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.SweepCursor;

/**
 * The in-flight registry: sorted set {@code saga:{inflight}} of open sagas (workflow ID scored by
 * start time, epoch ms). It feeds {@code saga_in_progress} and the sweeper, which must find sagas
 * that Temporal ended without them running their last code.
 */
public final class InflightRegistry {
  private final RedisClusterCommands<String, String> redis;
  private final String key;

  public InflightRegistry(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace) {
    this.redis = redis;
    this.key = keyspace.inflight();
  }

  /** Registers a saga; a repeat keeps the first start time. */
  public void register(String sagaId, long startedAtMillis) {
    redis.zadd(key, ZAddArgs.Builder.nx(), (double) startedAtMillis, sagaId);
  }

  /** Takes the workflows out, in one call. */
  public void remove(String... workflowIds) {
    redis.zrem(key, workflowIds);
  }

  public boolean contains(String sagaId) {
    return redis.zscore(key, sagaId) != null;
  }

  /**
   * Those of the workflows that are registered, asked in one round trip (ZMSCORE), in the order
   * given.
   */
  public List<String> registered(List<String> workflowIds) {
    if (workflowIds.isEmpty()) {
      return List.of(); // ZMSCORE needs a member
    }
    List<Double> scores = redis.zmscore(key, workflowIds.toArray(String[]::new));
    List<String> registered = new ArrayList<>();
    for (int i = 0; i < workflowIds.size(); i++) {
      if (scores.get(i) != null) {
        registered.add(workflowIds.get(i));
      }
    }
    return registered;
  }

  public long size() {
    return redis.zcard(key);
  }

  /**
   * Up to {@code limit} sagas after the cursor, oldest first; ties on the start time are ordered
   * by ID. An empty page means the end was reached: the next page starts over.
   */
  public List<ScoredValue<String>> pageAfter(SweepCursor cursor, int limit) {
    List<ScoredValue<String>> page = new ArrayList<>(limit);
    // Scores are whole milliseconds, so everything from the cursor's score on is read, and the
    // ones at that score but not after the cursor's ID are skipped.
    Range<Double> from = cursor.afterScore() == Long.MIN_VALUE
        ? Range.create(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)
        : Range.from(Range.Boundary.including((double) cursor.afterScore()),
            Range.Boundary.unbounded());
    long offset = 0;
    while (page.size() < limit) {
      List<ScoredValue<String>> chunk = redis.zrangebyscoreWithScores(key, from,
          Limit.create(offset, limit));
      if (chunk.isEmpty()) {
        break;
      }
      for (ScoredValue<String> entry : chunk) {
        if (isAfter(entry, cursor) && page.size() < limit) {
          page.add(entry);
        }
      }
      offset += chunk.size();
    }
    return page;
  }

  private static boolean isAfter(ScoredValue<String> entry, SweepCursor cursor) {
    long score = (long) entry.getScore();
    return score > cursor.afterScore()
        || (score == cursor.afterScore() && entry.getValue().compareTo(cursor.afterSagaId()) > 0);
  }
}
