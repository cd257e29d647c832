package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace.SandboxKeys;

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
import org.paysaga.payment.PaymentRequest;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

class SandboxKeyExpiryTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();

  @Test
  void whileTheSagaIsOpenItsRecordsNeverExpireAndOnceItEndsTheyExpireWithItsBarrier() {
    String sagaId = TestPayments.runEverySandboxStep(new SandboxPaymentServices(redis));
    SandboxKeys keys = SagaKeyspace.DEFAULT.sandbox(sagaId);
    List<String> records = List.of(keys.order(), keys.charges(), keys.refunds(), keys.ledger());

    keysOf(sagaId);
    for (String key : records) {
      assertThat(redis.ttl(key)).as("%s while the saga is open", key).isEqualTo(-1);
    }
    IdempotencyBarrier barrier = new IdempotencyBarrier(redis);
    barrier.expire(sagaId, Duration.ofDays(7));
    for (String key : records) {
      assertThat(redis.ttl(key)).as("%s once the saga ended", key)
          .isBetween(Duration.ofDays(7).minusMinutes(1).toSeconds(), Duration.ofDays(7).toSeconds());
    }
    barrier.keep(sagaId);
    for (String key : records) {
      assertThat(redis.ttl(key)).as("%s parked again", key).isEqualTo(-1);
    }
    // The attempt log is the sandbox's own memory of attempts, not a record a compensation reads.
    assertThat(redis.ttl(keys.attempts())).isBetween(Duration.ofDays(7).minusMinutes(1).toSeconds(),
        Duration.ofDays(7).toSeconds());
  }

  @Test
  void aParkedSagasChargeOutlivesTheTtlSoItsRetryRefundsIt() {
    // A 2 s TTL, and time moves past it while the saga sits in the DLQ: the attempt log, which
    // keeps its TTL, expires.
    SandboxPaymentServices sandbox = new SandboxPaymentServices(redis, SagaKeyspace.DEFAULT, Duration.ofSeconds(2), System::currentTimeMillis);
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);
    sandbox.orders().create(sagaId, payment);
    sandbox.channel().charge(sagaId, payment);
    new IdempotencyBarrier(redis).keep(sagaId); // what parking the saga does

    await().atMost(Duration.ofSeconds(10)).until(() -> redis.exists(SagaKeyspace.DEFAULT.sandbox(sagaId).attempts()) == 0);
    sandbox.channel().refund(sagaId, payment);
    sandbox.orders().cancel(sagaId);

    PaymentAudit audit = sandbox.audit(sagaId);
    assertThat(audit.charges()).isEqualTo(1);
    assertThat(audit.refunds()).as("the retry found the charge and refunded it").isEqualTo(1);
    assertThat(audit.orderStatus()).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void theAttemptLogsTtlIsConfigurable() {
    String sagaId = TestPayments.runEverySandboxStep(
        new SandboxPaymentServices(redis, SagaKeyspace.DEFAULT, Duration.ofHours(1), System::currentTimeMillis));

    assertThat(redis.ttl(SagaKeyspace.DEFAULT.sandbox(sagaId).attempts())).isBetween(3_540L, 3_600L);
  }

  /** The saga's keys as found in Redis, checked against the documented layout. */
  private List<String> keysOf(String sagaId) {
    SandboxKeys keys = SagaKeyspace.DEFAULT.sandbox(sagaId);
    List<String> expected = new ArrayList<>(List.of(
        keys.order(), keys.charges(), keys.refunds(), keys.ledger(), keys.attempts()));
    Stream.of(CREATE_ORDER, CALL_PAYMENT_CHANNEL, CREDIT_MERCHANT, REVERSE_MERCHANT_CREDIT,
            REFUND_PAYMENT, CANCEL_ORDER)
        .forEach(type -> expected.add(keys.attemptTimes(type)));
    List<String> found = ScanIterator.scan(redis, ScanArgs.Builder.matches(SagaKeyspace.DEFAULT.sandbox(sagaId).base() + "*"))
        .stream().toList();
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    return found;
  }
}
