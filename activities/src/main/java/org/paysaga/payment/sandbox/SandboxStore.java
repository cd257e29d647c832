package org.paysaga.payment.sandbox;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.ports.Payment;
import org.paysaga.redis.LuaScript;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;

/**
 * The sandbox's Redis access: each business write is one Lua script, an atomic check-and-write
 * keyed by the idempotency key the saga hands down, that also sets the TTL of the keys it writes.
 * Every script touches only one payment's keys (its saga's hash tag), refunds of it included.
 */
final class SandboxStore {
  private static final LuaScript ATTEMPT = LuaScript.fromClasspath("lua/sandbox/attempt.lua");
  private static final LuaScript AUDIT = LuaScript.fromClasspath("lua/sandbox/audit.lua");
  private static final LuaScript ORDER_CREATE = LuaScript.fromClasspath("lua/sandbox/order-create.lua");
  private static final LuaScript ORDER_TRANSITION = LuaScript.fromClasspath("lua/sandbox/order-transition.lua");
  private static final LuaScript RECORD_ONCE = LuaScript.fromClasspath("lua/sandbox/record-once.lua");
  private static final LuaScript TAKE_BACK = LuaScript.fromClasspath("lua/sandbox/take-back.lua");
  private static final LuaScript GIVE_BACK = LuaScript.fromClasspath("lua/sandbox/give-back.lua");

  private final RedisClusterCommands<String, String> redis;
  private final SagaKeyspace keyspace;
  private final String ttlSeconds;
  private final LongSupplier clock;

  SandboxStore(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace, Duration ttl, LongSupplier clock) {
    if (ttl.toSeconds() < 1) {
      throw new IllegalArgumentException("TTL must be at least one second: " + ttl);
    }
    this.redis = redis;
    this.keyspace = keyspace;
    this.ttlSeconds = Long.toString(ttl.toSeconds());
    this.clock = clock;
  }

  /** The sandbox keys of one payment saga. */
  SandboxKeys keys(String sagaId) {
    return keyspace.sandbox(sagaId);
  }

  /** The sandbox keys of the payment's saga, where its refunds are kept too. */
  SandboxKeys keys(Payment payment) {
    return keys(PaymentSaga.workflowIdFor(payment.paymentNo()));
  }

  /** Counts an attempt of the call keyed {@code idempotencyKey} and records its start; returns its number (1, 2...). */
  int recordAttempt(SandboxKeys keys, String idempotencyKey) {
    Long attempt = ATTEMPT.run(redis, ScriptOutputType.INTEGER,
        List.of(keys.attempts(), keys.attemptTimes(idempotencyKey)), idempotencyKey, now(), ttlSeconds);
    return Math.toIntExact(attempt);
  }

  ScriptReply createOrder(SandboxKeys keys, String orderId, Payment payment) {
    return write(ORDER_CREATE, List.of(keys.order()), orderId, payment.paymentNo(), payment.merchantId(),
        Long.toString(payment.amountMinor()), payment.currency(), now(), ttlSeconds);
  }

  ScriptReply transitionOrder(SandboxKeys keys, OrderStatus from, OrderStatus to, boolean voidIfMissing) {
    return write(ORDER_TRANSITION, List.of(keys.order()), from.name(), to.name(), now(), ttlSeconds,
        voidIfMissing ? "1" : "0");
  }

  ScriptReply recordOnce(String hash, String idempotencyKey, String movement) {
    return write(RECORD_ONCE, List.of(hash), idempotencyKey, movement, ttlSeconds);
  }

  /** @param voidIfMissing whether to void {@code originalKey} when there is no original (a refund) */
  ScriptReply takeBack(String originalHash, String originalKey, String hash, String key, String id, long amountMinor,
      boolean voidIfMissing) {
    return write(TAKE_BACK, List.of(originalHash, hash), originalKey, key, id, Long.toString(amountMinor), ttlSeconds,
        voidIfMissing ? "1" : "0");
  }

  ScriptReply giveBack(String entryHash, String entryKey, String hash, String key, String id, boolean takeBack) {
    return write(GIVE_BACK, List.of(entryHash, hash), entryKey, key, id, ttlSeconds, takeBack ? "take-back" : "whole");
  }

  /** The movement recorded under a key, if any. */
  Optional<String> movement(String hash, String idempotencyKey) {
    return Optional.ofNullable(redis.hget(hash, idempotencyKey));
  }

  /**
   * One atomic snapshot of a saga: {@code {order, charges, refunds, ledger, attempts}} as flat
   * field/value lists, then the attempt start times of each of {@code idempotencyKeys}, in order.
   */
  List<List<String>> snapshot(SandboxKeys keys, List<String> idempotencyKeys) {
    List<String> keyList = new ArrayList<>(List.of(
        keys.order(), keys.charges(), keys.refunds(), keys.ledger(), keys.attempts()));
    idempotencyKeys.forEach(key -> keyList.add(keys.attemptTimes(key)));
    List<Object> reply = AUDIT.run(redis, ScriptOutputType.MULTI, keyList);
    List<List<String>> snapshot = new ArrayList<>();
    for (Object part : reply) {
      snapshot.add(((List<?>) part).stream().map(String::valueOf).toList());
    }
    return snapshot;
  }

  private ScriptReply write(LuaScript script, List<String> keys, String... args) {
    return ScriptReply.of(script.run(redis, ScriptOutputType.MULTI, keys, args));
  }

  private String now() {
    return Long.toString(clock.getAsLong());
  }
}
