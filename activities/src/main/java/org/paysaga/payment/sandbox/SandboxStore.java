package org.paysaga.payment.sandbox;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.ports.Payment;
import org.paysaga.redis.LuaScript;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;

/**
 * The sandbox's Redis access: each business write is one Lua script, an atomic check-and-write
 * keyed by the idempotency key the saga hands down, that also sets the TTL of the keys it writes.
 * Every script touches only one payment's keys (its saga's hash tag), refunds of it included.
 *
 * <p>A write also counts and logs its call's attempt (the audit's attempts and their start times)
 * in the same script, attempt.lua around the write: one round trip per call. A call whose attempt
 * must be logged before something slow (a slow card), or that refuses without a write, logs it
 * alone ({@link #recordAttempt}); a write after that passes {@link Attempt#LOGGED}.
 */
final class SandboxStore {
  private static final LuaScript AUDIT = LuaScript.fromClasspath("lua/sandbox/audit.lua");
  private static final LuaScript LOG_ATTEMPT = inAttemptLog("log-only");
  private static final Write ORDER_CREATE = Write.of("order-create");
  private static final Write ORDER_TRANSITION = Write.of("order-transition");
  private static final Write RECORD_ONCE = Write.of("record-once");
  private static final Write TAKE_BACK = Write.of("take-back");
  private static final Write GIVE_BACK = Write.of("give-back");

  /**
   * Whose attempt a write counts, in the saga's keys and under the call's idempotency key; its
   * first {@code failures} attempts fail before writing (verdict {@code UNAVAILABLE}).
   */
  record Attempt(SandboxKeys keys, String idempotencyKey, int failures) {
    /** The call logged its attempt already ({@link #recordAttempt}): the write only writes. */
    static final Attempt LOGGED = new Attempt(null, null, 0);

    static Attempt of(SandboxKeys keys, String idempotencyKey) {
      return failingFirst(0, keys, idempotencyKey);
    }

    static Attempt failingFirst(int failures, SandboxKeys keys, String idempotencyKey) {
      return new Attempt(Objects.requireNonNull(keys), Objects.requireNonNull(idempotencyKey), failures);
    }
  }

  /** A write script alone, and inside the attempt log (attempt.lua). */
  private record Write(LuaScript alone, LuaScript counted) {
    static Write of(String name) {
      return new Write(LuaScript.fromClasspath(resource(name)), inAttemptLog(name));
    }
  }

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

  /**
   * Counts an attempt of the call keyed {@code idempotencyKey} and records its start, alone; returns
   * its number (1, 2...). Only for calls that cannot leave it to their write ({@link Attempt#LOGGED}).
   */
  int recordAttempt(SandboxKeys keys, String idempotencyKey) {
    return run(LOG_ATTEMPT, Attempt.of(keys, idempotencyKey), List.of()).attempt();
  }

  ScriptReply createOrder(Attempt attempt, SandboxKeys keys, String orderId, Payment payment) {
    return write(ORDER_CREATE, attempt, List.of(keys.order()), orderId, payment.paymentNo(), payment.merchantId(),
        Long.toString(payment.amountMinor()), payment.currency(), now(), ttlSeconds);
  }

  ScriptReply transitionOrder(Attempt attempt, SandboxKeys keys, OrderStatus from, OrderStatus to,
      boolean voidIfMissing) {
    return write(ORDER_TRANSITION, attempt, List.of(keys.order()), from.name(), to.name(), now(), ttlSeconds,
        voidIfMissing ? "1" : "0");
  }

  ScriptReply recordOnce(Attempt attempt, String hash, String idempotencyKey, String movement) {
    return write(RECORD_ONCE, attempt, List.of(hash), idempotencyKey, movement, ttlSeconds);
  }

  /** @param voidIfMissing whether to void {@code originalKey} when there is no original (a refund) */
  ScriptReply takeBack(Attempt attempt, String originalHash, String originalKey, String hash, String key, String id,
      long amountMinor, boolean voidIfMissing) {
    return write(TAKE_BACK, attempt, List.of(originalHash, hash), originalKey, key, id, Long.toString(amountMinor),
        ttlSeconds, voidIfMissing ? "1" : "0");
  }

  ScriptReply giveBack(Attempt attempt, String entryHash, String entryKey, String hash, String key, String id,
      boolean takeBack) {
    return write(GIVE_BACK, attempt, List.of(entryHash, hash), entryKey, key, id, ttlSeconds,
        takeBack ? "take-back" : "whole");
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

  private ScriptReply write(Write script, Attempt attempt, List<String> keys, String... args) {
    if (attempt == Attempt.LOGGED) {
      return ScriptReply.of(script.alone().run(redis, ScriptOutputType.MULTI, keys, args));
    }
    return run(script.counted(), attempt, keys, args);
  }

  /** Runs a script wrapped in attempt.lua: the attempt's keys and arguments come first. */
  private ScriptReply run(LuaScript counted, Attempt attempt, List<String> keys, String... args) {
    SandboxKeys sandbox = attempt.keys();
    List<String> allKeys = new ArrayList<>(List.of(sandbox.attempts(), sandbox.attemptTimes(attempt.idempotencyKey())));
    allKeys.addAll(keys);
    String[] allArgs = Stream.concat(
            Stream.of(attempt.idempotencyKey(), now(), ttlSeconds, Integer.toString(attempt.failures())),
            Arrays.stream(args))
        .toArray(String[]::new);
    return ScriptReply.of(counted.run(redis, ScriptOutputType.MULTI, allKeys, allArgs));
  }

  private static LuaScript inAttemptLog(String name) {
    return LuaScript.wrapped(resource("attempt"), resource(name));
  }

  private static String resource(String name) {
    return "lua/sandbox/" + name + ".lua";
  }

  private String now() {
    return Long.toString(clock.getAsLong());
  }
}
