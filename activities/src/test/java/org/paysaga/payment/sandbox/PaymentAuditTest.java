package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace;

import org.paysaga.catalog.Defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;
import static org.paysaga.payment.sandbox.SandboxFailures.assertUnavailable;
import static org.paysaga.refund.RefundSteps.CREDIT_MERCHANT_BACK;
import static org.paysaga.refund.RefundSteps.DEBIT_MERCHANT;
import static org.paysaga.testing.TestPayments.key;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

class PaymentAuditTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final SandboxPaymentServices sandbox =
      new SandboxPaymentServices(redis, SagaKeyspace.DEFAULT, Defaults.IDEMPOTENCY_TTL, clock::get);

  @Test
  void aCompletedPaymentAddsUp() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.runForwardSteps(sandbox, payment);

    PaymentAudit audit = sandbox.audit(sagaId);

    assertThat(audit).isEqualTo(new PaymentAudit(sagaId, OrderStatus.PAID, 1, 1234, 0, 0, 1, 1234, 0, 0, 0,
        Map.of("CreateOrder", 1, "CallPaymentChannel", 1, "CreditMerchant", 1, "CompleteOrder", 1),
        Map.of("CreateOrder", List.of(clock.get()), "CallPaymentChannel", List.of(clock.get()),
            "CreditMerchant", List.of(clock.get()), "CompleteOrder", List.of(clock.get()))));
    assertThat(audit.isCompletedCleanly(1234)).isTrue();
    assertThat(audit.isCompletedCleanly(1000)).isFalse();
    assertThat(audit.isCompensatedCleanly()).isFalse();
    assertThat(audit.chargedExactlyOnce()).isTrue();
    assertThat(audit.netChargedMinor()).isEqualTo(1234);
    assertThat(audit.ledgerNetMinor()).isEqualTo(1234);
  }

  @Test
  void aFullyCompensatedPaymentNetsToZero() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    Payment payment = PaymentSagaActivities.payment(request);
    String sagaId = TestPayments.sagaId(request);
    sandbox.orders().create(key(request, CREATE_ORDER), payment);
    sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);
    sandbox.ledger().credit(key(request, CREDIT_MERCHANT), payment);
    sandbox.ledger().reverse(key(request, REVERSE_MERCHANT_CREDIT), key(request, CREDIT_MERCHANT), payment);
    sandbox.channel().refund(key(request, REFUND_PAYMENT), key(request, CALL_PAYMENT_CHANNEL), 1234, payment);
    sandbox.channel().refund(key(request, REFUND_PAYMENT), key(request, CALL_PAYMENT_CHANNEL), 1234, payment);
    sandbox.orders().cancel(key(request, CANCEL_ORDER), key(request, CREATE_ORDER), payment);

    PaymentAudit audit = sandbox.audit(sagaId);

    assertThat(audit.orderStatus()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(audit.charges()).isEqualTo(1);
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.refundedMinor()).isEqualTo(1234);
    assertThat(audit.ledgerCredits()).isEqualTo(1);
    assertThat(audit.ledgerReversals()).isEqualTo(1);
    assertThat(audit.reversedMinor()).isEqualTo(1234);
    assertThat(audit.attempts(REFUND_PAYMENT)).isEqualTo(2);
    assertThat(audit.isCompensatedCleanly()).isTrue();
    assertThat(audit.isCompletedCleanly(1234)).isFalse();
  }

  @Test
  void aSagaTheSandboxNeverSawHasNothing() {
    String sagaId = TestPayments.sagaId(TestPayments.withCard(SandboxMagicValues.CARD_OK));

    PaymentAudit audit = sandbox.audit(sagaId);

    assertThat(audit).isEqualTo(new PaymentAudit(
        sagaId, OrderStatus.NONE, 0, 0, 0, 0, 0, 0, 0, 0, 0, Map.of(), Map.of()));
    assertThat(audit.isCompensatedCleanly()).isTrue();
    assertThat(audit.attempts(CREATE_ORDER)).isZero();
    assertThat(audit.attemptTimes(CREATE_ORDER)).isEmpty();
  }

  @Test
  void recordsWhenEachAttemptStarted() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.flakyCard(2));
    Payment payment = PaymentSagaActivities.payment(request);
    String sagaId = TestPayments.sagaId(request);
    String chargeKey = key(request, CALL_PAYMENT_CHANNEL);
    long first = clock.get();
    assertUnavailable(() -> sandbox.channel().charge(chargeKey, payment));
    clock.addAndGet(2_000);
    assertUnavailable(() -> sandbox.channel().charge(chargeKey, payment));
    clock.addAndGet(4_000);
    sandbox.channel().charge(chargeKey, payment);

    PaymentAudit audit = sandbox.audit(sagaId);

    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(3);
    assertThat(audit.attemptTimes(CALL_PAYMENT_CHANNEL)).containsExactly(first, first + 2_000, first + 6_000);
    assertThat(audit.attemptGapsMillis(CALL_PAYMENT_CHANNEL)).containsExactly(2_000L, 4_000L);
    assertThat(audit.chargedExactlyOnce()).isTrue();
  }

  @Test
  void refundSagasAreAddedToThePaymentTheyRefund() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    Payment payment = PaymentSagaActivities.payment(request);
    String sagaId = TestPayments.runForwardSteps(sandbox, request);
    Refund first = new Refund(request.paymentNo() + "-r1", payment, 400);
    Refund second = new Refund(request.paymentNo() + "-r2", payment, 300);
    for (Refund refund : java.util.List.of(first, second)) {
      String refundSaga = "refund-" + refund.refundNo();
      sandbox.ledger().debit(refundSaga + ":" + DEBIT_MERCHANT, key(request, CREDIT_MERCHANT), refund);
      sandbox.channel().refund(refundSaga + ":RefundCard", key(request, CALL_PAYMENT_CHANNEL),
          refund.amountMinor(), payment);
    }
    // The second refund's debit is credited back (its saga was compensated); its card refund stays.
    sandbox.ledger().creditBack("refund-" + second.refundNo() + ":" + CREDIT_MERCHANT_BACK,
        "refund-" + second.refundNo() + ":" + DEBIT_MERCHANT, second);

    PaymentAudit audit = sandbox.audit(sagaId);

    assertThat(audit.refunds()).isEqualTo(2);
    assertThat(audit.refundedMinor()).isEqualTo(700);
    assertThat(audit.netChargedMinor()).isEqualTo(534);
    assertThat(audit.ledgerCredits()).as("debits are not credits").isEqualTo(1);
    assertThat(audit.ledgerReversals()).isZero();
    assertThat(audit.refundDebitedMinor()).isEqualTo(400);
    assertThat(audit.ledgerNetMinor()).isEqualTo(834);
    // The payment saga's own attempts by activity type, a refund saga's under its full key.
    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(1);
    assertThat(audit.attempts("refund-" + first.refundNo() + ":" + DEBIT_MERCHANT)).isEqualTo(1);
  }

  @Test
  void judgesDoublesAndLeftoversStrictly() {
    PaymentAudit doubleCharged = audit(OrderStatus.CANCELLED, 2, 2468, 2, 2468, 0, 0);
    PaymentAudit keptTheMoney = audit(OrderStatus.CANCELLED, 1, 1234, 0, 0, 0, 0);
    PaymentAudit merchantKeptTheCredit = audit(OrderStatus.NONE, 1, 1234, 1, 1234, 1, 0);
    PaymentAudit paidThenRefunded = audit(OrderStatus.PAID, 1, 1234, 1, 1234, 0, 0);

    assertThat(doubleCharged.doubleCharged()).isTrue();
    assertThat(doubleCharged.doubleRefunded()).isTrue();
    assertThat(doubleCharged.chargedExactlyOnce()).isFalse();
    assertThat(doubleCharged.isCompensatedCleanly()).isFalse();
    assertThat(keptTheMoney.netChargedMinor()).isEqualTo(1234);
    assertThat(keptTheMoney.isCompensatedCleanly()).isFalse();
    assertThat(merchantKeptTheCredit.isCompensatedCleanly()).isFalse();
    assertThat(paidThenRefunded.isCompensatedCleanly()).isFalse();
    assertThat(paidThenRefunded.isCompletedCleanly(1234)).isFalse();
  }

  private static PaymentAudit audit(OrderStatus order, int charges, long charged, int refunds,
      long refunded, int credits, int reversals) {
    return new PaymentAudit("payment-judged", order, charges, charged, refunds, refunded,
        credits, credits * 1234L, reversals, reversals * 1234L, 0, Map.of(), Map.of());
  }
}
