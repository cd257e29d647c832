package org.paysaga.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The sandbox's keys expire a TTL after their last write, like a provider's idempotency window;
 * the saga's barrier does not list or PERSIST them (it no longer wraps sandbox writes).
 */
class SandboxKeyExpiryTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();

  @Test
  void everySandboxKeyExpiresItsTtlAfterItsLastWriteWhateverTheBarrierDoes() {
    String sagaId = TestPayments.runEverySandboxStep(new SandboxPaymentServices(redis));
    List<String> keys = keysOf(sagaId);
    long week = Duration.ofDays(7).toSeconds();

    for (String key : keys) {
      assertThat(redis.ttl(key)).as("%s after the run", key).isBetween(week - 60, week);
    }
    IdempotencyBarrier barrier = new IdempotencyBarrier(redis);
    barrier.keep(sagaId); // what parking the saga does: the sandbox's keys keep their TTL
    for (String key : keys) {
      assertThat(redis.ttl(key)).as("%s parked", key).isBetween(week - 60, week);
    }
    barrier.expire(sagaId, Duration.ofHours(1)); // the saga ended: the sandbox's TTL is its own
    for (String key : keys) {
      assertThat(redis.ttl(key)).as("%s once the saga ended", key).isBetween(week - 60, week);
    }
  }

  @Test
  void aSagasSandboxKeysAreGoneOnceTheTtlPassed() {
    SandboxPaymentServices sandbox =
        new SandboxPaymentServices(redis, SagaKeyspace.DEFAULT, Duration.ofSeconds(1), System::currentTimeMillis);
    String sagaId = TestPayments.runEverySandboxStep(sandbox);
    assertThat(keysOf(sagaId)).isNotEmpty();

    await().atMost(Duration.ofSeconds(10)).until(() -> scan(sagaId).isEmpty());
    assertThat(sandbox.audit(sagaId).charges()).isZero();
  }

  @Test
  void theTtlIsConfigurable() {
    String sagaId = TestPayments.runEverySandboxStep(
        new SandboxPaymentServices(redis, SagaKeyspace.DEFAULT, Duration.ofHours(1), System::currentTimeMillis));

    for (String key : keysOf(sagaId)) {
      assertThat(redis.ttl(key)).as(key).isBetween(3_540L, 3_600L);
    }
  }

  /** The saga's keys as found in Redis, checked against the documented layout. */
  private List<String> keysOf(String sagaId) {
    SandboxKeys keys = SagaKeyspace.DEFAULT.sandbox(sagaId);
    List<String> expected = new ArrayList<>(List.of(
        keys.order(), keys.charges(), keys.refunds(), keys.ledger(), keys.attempts()));
    // Attempt times are kept per idempotency key.
    Stream.of(CREATE_ORDER, CALL_PAYMENT_CHANNEL, CREDIT_MERCHANT, REVERSE_MERCHANT_CREDIT,
            REFUND_PAYMENT, CANCEL_ORDER)
        .forEach(type -> expected.add(keys.attemptTimes(keys.idempotencyKey(type))));
    List<String> found = scan(sagaId);
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    return found;
  }

  private List<String> scan(String sagaId) {
    return ScanIterator.scan(redis, ScanArgs.Builder.matches(SagaKeyspace.DEFAULT.sandbox(sagaId).base() + "*"))
        .stream().toList();
  }
}
