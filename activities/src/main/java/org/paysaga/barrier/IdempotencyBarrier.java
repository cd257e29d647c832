package org.paysaga.barrier;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paysaga.redis.LuaScript;
import org.paysaga.redis.SagaKeyspace;

/**
 * The idempotency barrier: per saga, per step, per phase, a record in Redis that makes every
 * forward action and every compensation take effect at most once, however often Temporal delivers
 * it, and keeps a late forward from acting after its compensation.
 *
 * <p>Effects kept in Redis (the sandbox) check and write the barrier in the same Lua script as
 * the business write ({@code lua/barrier/guard.lua}), so the two are atomic. Effects elsewhere (a
 * user's own payment provider or database) go through {@link #begin} and {@link #record} around
 * the call, and hand {@link SagaKeyspace#idempotencyKey} downstream as the call's idempotency key:
 * between {@code begin} and {@code record} a worker may crash after the service acted, and only
 * the service's own deduplication on that key makes the retried call harmless. For the same
 * reason a compensation calls the service's undo, keyed by the forward's key, on
 * {@link BarrierDecision.Verdict#NOTHING_TO_DO} as well as on {@code PROCEED}: no forward record
 * means nothing the barrier knows of, not nothing the service did. The service undoes what the key
 * did, or, having never seen the key, remembers it as void and refuses the late forward
 * (docs/idempotency-and-dlq.md).
 *
 * <p>Records have no TTL while the saga is open or parked in the DLQ; {@link #expire} starts the
 * TTL it is given (the worker's {@code saga.idempotency.ttl}, 7 days by default) when the saga is
 * over, and {@link #keep} takes it away again.
 */
public final class IdempotencyBarrier {
  // The same checks as around the sandbox's writes, with a body that only says "go ahead".
  private static final LuaScript BEGIN = LuaScript.wrapped("lua/barrier/guard.lua", "lua/barrier/proceed.lua");
  private static final LuaScript RECORD = LuaScript.fromClasspath("lua/barrier/record.lua");
  private static final LuaScript EXPIRE = LuaScript.fromClasspath("lua/barrier/expire.lua");
  private static final LuaScript SEAL = LuaScript.fromClasspath("lua/barrier/seal.lua");
  private static final LuaScript KEEP = LuaScript.fromClasspath("lua/barrier/keep.lua");
  /**
   * The barrier field listing the business keys written inside it (guard.lua), which live and
   * expire with it; not a step record.
   */
  static final String RECORDS_FIELD = "_records";
  /** The record of a compensation that found its forward never took effect. */
  public static final String NULL_COMPENSATION = "-";
  /** What a record of a step that took effect holds once its saga ended (the reference is dropped). */
  public static final String ENDED = "+";

  private final RedisClusterCommands<String, String> redis;
  private final SagaKeyspace keyspace;

  /** In the default keyspace ({@code saga:{<sagaId>}:barrier}). */
  public IdempotencyBarrier(RedisClusterCommands<String, String> redis) {
    this(redis, SagaKeyspace.DEFAULT);
  }

  public IdempotencyBarrier(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace) {
    this.redis = redis;
    this.keyspace = keyspace;
  }

  /** Where this barrier's keys, and those of the effects written inside it, live. */
  public SagaKeyspace keyspace() {
    return keyspace;
  }

  /** Before acting outside Redis: may this phase of the step act? */
  public BarrierDecision begin(BarrierStep step) {
    List<Object> reply = BEGIN.run(redis, ScriptOutputType.MULTI,
        List.of(keyspace.barrier(step.sagaId())), step.step(), step.phase().code());
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
        List.of(keyspace.barrier(step.sagaId())), step.step(), step.phase().code(), result);
    String verdict = (String) reply.get(0);
    return "RECORDED".equals(verdict)
        ? new BarrierDecision(BarrierDecision.Verdict.PROCEED, result)
        : new BarrierDecision(BarrierDecision.Verdict.valueOf(verdict), (String) reply.get(1));
  }

  /**
   * Every record of a saga: field ({@code <Step>:f} / {@code <Step>:c}) to result, and
   * {@code <Step>:b} for a forward that began (an attempt may have acted in its service).
   */
  public Map<String, String> records(String sagaId) {
    Map<String, String> records = new LinkedHashMap<>(redis.hgetall(keyspace.barrier(sagaId)));
    records.remove(RECORDS_FIELD);
    return records;
  }

  /**
   * For a saga Temporal ended (nothing will run its code again): records a null compensation for
   * each of {@code compensableSteps} whose forward has no record, atomically, so no forward of
   * this saga can take effect any more. Returns the records as they are from then on.
   */
  public Map<String, String> seal(String sagaId, List<String> compensableSteps) {
    List<Object> flat = SEAL.run(redis, ScriptOutputType.MULTI, List.of(keyspace.barrier(sagaId)),
        compensableSteps.toArray(String[]::new));
    Map<String, String> records = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      records.put((String) flat.get(i), (String) flat.get(i + 1));
    }
    records.remove(RECORDS_FIELD);
    return records;
  }

  /**
   * The saga is over: its records, and the business records written inside the barrier, expire
   * after {@code ttl}, and the step records' result references shrink to {@link #ENDED} in the same
   * script (a late delivery to a closed saga needs to know what was done, not its reference; a null
   * compensation stays {@link #NULL_COMPENSATION}). A finished payment saga's barrier then takes
   * about 200 bytes instead of about 330 (docs/BENCHMARKS.md).
   */
  public void expire(String sagaId, Duration ttl) {
    EXPIRE.run(redis, ScriptOutputType.INTEGER, List.of(keyspace.barrier(sagaId)),
        Long.toString(ttl.toSeconds()), ENDED);
  }

  /** The saga is open again or parked: its records, and what was written inside them, must not expire under it. */
  public void keep(String sagaId) {
    KEEP.run(redis, ScriptOutputType.INTEGER, List.of(keyspace.barrier(sagaId)));
  }

  /** Seconds until the saga's records expire; -1 when they do not, -2 when there are none. */
  public long ttlSeconds(String sagaId) {
    return redis.ttl(keyspace.barrier(sagaId));
  }
}
