package org.paysaga.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
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
import org.paysaga.payment.PaymentRequest;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

class SandboxKeyExpiryTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();

  @Test
  void everyKeyOfASagaExpiresAfterTheDefaultSevenDays() {
    String sagaId = runAllSteps(new SandboxPaymentServices(redis));

    for (String key : keysOf(sagaId)) {
      assertThat(redis.ttl(key)).as(key)
          .isBetween(Duration.ofDays(7).minusMinutes(1).toSeconds(), Duration.ofDays(7).toSeconds());
    }
  }

  @Test
  void theTtlIsConfigurable() {
    String sagaId = runAllSteps(
        new SandboxPaymentServices(redis, Duration.ofHours(1), System::currentTimeMillis));

    for (String key : keysOf(sagaId)) {
      assertThat(redis.ttl(key)).as(key).isBetween(3_540L, 3_600L);
    }
  }

  /** Writes every kind of key: order, charge, refund, credit, reversal, attempts. */
  private static String runAllSteps(SandboxPaymentServices sandbox) {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);
    sandbox.orders().create(sagaId, payment);
    sandbox.channel().charge(sagaId, payment);
    sandbox.ledger().credit(sagaId, payment);
    sandbox.ledger().reverse(sagaId);
    sandbox.channel().refund(sagaId, payment);
    sandbox.orders().cancel(sagaId);
    return sagaId;
  }

  /** The saga's keys as found in Redis, checked against the documented layout. */
  private List<String> keysOf(String sagaId) {
    SandboxKeys keys = new SandboxKeys(sagaId);
    List<String> expected = new ArrayList<>(List.of(
        keys.order(), keys.charges(), keys.refunds(), keys.ledger(), keys.attempts()));
    Stream.of(CREATE_ORDER, CALL_PAYMENT_CHANNEL, CREDIT_MERCHANT, REVERSE_MERCHANT_CREDIT,
            REFUND_PAYMENT, CANCEL_ORDER)
        .forEach(type -> expected.add(keys.attemptTimes(type)));
    List<String> found = ScanIterator.scan(redis, ScanArgs.Builder.matches("sandbox:{" + sagaId + "}:*"))
        .stream().toList();
    assertThat(found).containsExactlyInAnyOrderElementsOf(expected);
    return found;
  }
}
