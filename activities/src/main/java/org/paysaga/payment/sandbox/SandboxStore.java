package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace.SandboxKeys;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.redis.LuaScript;
import org.paysaga.redis.SagaKeyspace;

/**
 * The sandbox's Redis access: each business write is one Lua script, an atomic check-and-write
 * that also sets the TTL of the keys it writes; every script touches only one saga's keys.
 */
final class SandboxStore {
  private static final LuaScript ATTEMPT = LuaScript.fromClasspath("lua/sandbox/attempt.lua");
  private static final LuaScript AUDIT = LuaScript.fromClasspath("lua/sandbox/audit.lua");

  private final RedisClusterCommands<String, String> redis;
  private final SagaKeyspace keyspace;
  private final String ttlSeconds;
  private final LongSupplier clock;
  private final SandboxWrites writes;
  private final LuaScript orderCreate;
  private final LuaScript orderTransition;
  private final LuaScript recordOnce;
  private final LuaScript undoOnce;

  SandboxStore(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace, Duration ttl, LongSupplier clock,
      SandboxWrites writes) {
    if (ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("TTL must be at least one second: " + ttl);
    }
    this.redis = redis;
    this.keyspace = keyspace;
    this.ttlSeconds = Long.toString(ttl.toSeconds());
    this.clock = clock;
    this.writes = writes;
    this.orderCreate = writes.script("lua/sandbox/order-create.lua");
    this.orderTransition = writes.script("lua/sandbox/order-transition.lua");
    this.recordOnce = writes.script("lua/sandbox/record-once.lua");
    this.undoOnce = writes.script("lua/sandbox/undo-once.lua");
  }

  /** The sandbox keys of one saga. */
  SandboxKeys keys(String sagaId) {
    return keyspace.sandbox(sagaId);
  }

  /** Counts an attempt of {@code activityType} and records its start; returns its number (1, 2...). */
  int recordAttempt(SandboxKeys keys, String activityType) {
    Long attempt = ATTEMPT.run(redis, ScriptOutputType.INTEGER,
        List.of(keys.attempts(), keys.attemptTimes(activityType)),
        activityType, now(), ttlSeconds);
    return Math.toIntExact(attempt);
  }

  ScriptReply createOrder(SandboxKeys keys, BarrierStep step, String orderId, PaymentRequest request) {
    return write(orderCreate, step, List.of(keys.order()), orderId, request.paymentNo(),
        request.merchantId(), Long.toString(request.amountMinor()), request.currency(), now(),
        ttlSeconds);
  }

  ScriptReply transitionOrder(SandboxKeys keys, BarrierStep step, OrderStatus from, OrderStatus to) {
    return write(orderTransition, step, List.of(keys.order()), from.name(), to.name(), now(), ttlSeconds);
  }

  ScriptReply recordOnce(BarrierStep step, String hash, String idempotencyKey, String movement) {
    return write(recordOnce, step, List.of(hash), idempotencyKey, movement, ttlSeconds);
  }

  ScriptReply undoOnce(BarrierStep step, String originalHash, String originalKey, String undoHash,
      String undoKey, String undoId) {
    return write(undoOnce, step, List.of(originalHash, undoHash), originalKey, undoKey, undoId,
        ttlSeconds);
  }

  /**
   * One atomic snapshot of a saga: {@code {order, charges, refunds, ledger, attempts}} as flat
   * field/value lists, then the attempt start times of each of {@code activityTypes}, in order.
   */
  List<List<String>> snapshot(SandboxKeys keys, List<String> activityTypes) {
    List<String> keyList = new ArrayList<>(List.of(
        keys.order(), keys.charges(), keys.refunds(), keys.ledger(), keys.attempts()));
    activityTypes.forEach(type -> keyList.add(keys.attemptTimes(type)));
    List<Object> reply = AUDIT.run(redis, ScriptOutputType.MULTI, keyList);
    List<List<String>> snapshot = new ArrayList<>();
    for (Object part : reply) {
      snapshot.add(((List<?>) part).stream().map(String::valueOf).toList());
    }
    return snapshot;
  }

  private ScriptReply write(LuaScript script, BarrierStep step, List<String> keys, String... args) {
    ScriptReply answer = ScriptReply.of(writes.run(redis, script, step, keys, args));
    if (answer.verdict() == ScriptReply.Verdict.HANGING) {
      throw SandboxFailure.refusal(SandboxFailure.SAGA_ALREADY_COMPENSATED, step.step()
          + " arrived after its compensation was recorded: it takes no effect");
    }
    return answer;
  }

  private String now() {
    return Long.toString(clock.getAsLong());
  }
}
