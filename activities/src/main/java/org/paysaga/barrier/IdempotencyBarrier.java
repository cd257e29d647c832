package org.paysaga.barrier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.paysaga.redis.LuaScript;

/**
 * The idempotency barrier: per saga, per step, per phase, a record in Redis that makes every
 * forward action and every compensation take effect at most once, however often Temporal delivers
 * it, and keeps a late forward from acting after its compensation.
 *
 * <p>Effects kept in Redis (the sandbox) check and write the barrier in the same Lua script as
 * the business write ({@code lua/barrier/guard.lua}), so the two are atomic. Effects elsewhere (a
 * user's own payment provider or database) go through {@link #begin} and {@link #record} around
 * the call, and hand {@link BarrierKeys#idempotencyKey} downstream as the call's idempotency key:
 * between {@code begin} and {@code record} a worker may crash, and only the downstream service's
 * own deduplication on that key makes the retried call harmless. A downstream service that can be
 * called to undo an effect it has not seen yet (a refund racing its charge) must also remember
 * the undo by key and refuse the late effect.
 *
 * <p>Records have no TTL while the saga is open or parked in the DLQ; {@link #expire} starts the
 * 7-day TTL when the saga ends, and {@link #keep} takes a TTL away again.
 */
public final class IdempotencyBarrier {
  private static final LuaScript BEGIN = LuaScript.fromClasspath("lua/barrier/begin.lua");
  private static final LuaScript RECORD = LuaScript.fromClasspath("lua/barrier/record.lua");

  private final RedisClusterCommands<String, String> redis;

  public IdempotencyBarrier(RedisClusterCommands<String, String> redis) {
    this.redis = redis;
  }

  /** Before acting outside Redis: may this phase of the step act? */
  public BarrierDecision begin(BarrierStep step) {
    List<Object> reply = BEGIN.run(redis, ScriptOutputType.MULTI,
        List.of(BarrierKeys.barrier(step.sagaId())), step.step(), step.phase().code());
    return new BarrierDecision(
        BarrierDecision.Verdict.valueOf((String) reply.get(0)), (String) reply.get(1));
  }

  /**
   * After acting outside Redis: records the result, unless another attempt recorded one first
   * (then that one is returned) or, for a forward, its compensation was recorded meanwhile
   * ({@link BarrierDecision.Verdict#HANGING}).
   */
  public BarrierDecision record(BarrierStep step, String result) {
    List<Object> reply = RECORD.run(redis, ScriptOutputType.MULTI,
        List.of(BarrierKeys.barrier(step.sagaId())), step.step(), step.phase().code(), result);
    String verdict = (String) reply.get(0);
    return "RECORDED".equals(verdict)
        ? new BarrierDecision(BarrierDecision.Verdict.PROCEED, result)
        : new BarrierDecision(BarrierDecision.Verdict.valueOf(verdict), (String) reply.get(1));
  }

  /** Every record of a saga: field ({@code <Step>:f} / {@code <Step>:c}) to result. */
  public Map<String, String> records(String sagaId) {
    return redis.hgetall(BarrierKeys.barrier(sagaId));
  }

  /** The saga ended: its records expire after {@code ttl}. */
  public void expire(String sagaId, Duration ttl) {
    redis.expire(BarrierKeys.barrier(sagaId), ttl.toSeconds());
  }

  /** The saga is open again or parked: its records must not expire under it. */
  public void keep(String sagaId) {
    redis.persist(BarrierKeys.barrier(sagaId));
  }

  /** Seconds until the saga's records expire; -1 when they do not, -2 when there are none. */
  public long ttlSeconds(String sagaId) {
    return redis.ttl(BarrierKeys.barrier(sagaId));
  }
}
