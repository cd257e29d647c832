package org.paysaga.testing;

import static org.awaitility.Awaitility.await;

import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;

import java.time.Duration;
import java.util.UUID;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.ports.Payment;
import org.paysaga.redis.SagaKeyspace;

/**
 * Payments for tests, each with a payment number of its own ({@code <prefix>-<12 random hex>}),
 * so tests never meet each other's data, or data already in a shared Redis.
 */
public final class TestPayments {
  public static final String MERCHANT = "m_test";
  public static final String CURRENCY = "CNY";
  public static final long AMOUNT_MINOR = 1234;

  private TestPayments() {}

  /** A payment number nobody used before, e.g. {@code charge-3fa85f6457b2}. */
  public static String uniquePaymentNo(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** A fresh payment of 12.34 CNY to {@link #MERCHANT} with this card token. */
  public static PaymentRequest withCard(String cardToken) {
    return payment(cardToken, MERCHANT);
  }

  /** A fresh payment of 12.34 CNY by a normal card to this merchant. */
  public static PaymentRequest toMerchant(String merchantId) {
    return payment(SandboxMagicValues.CARD_OK, merchantId);
  }

  public static PaymentRequest payment(String cardToken, String merchantId) {
    return new PaymentRequest(uniquePaymentNo("test"), merchantId, AMOUNT_MINOR, CURRENCY, cardToken);
  }

  /** The saga (workflow) ID of a payment: {@code payment-<paymentNo>}. */
  public static String sagaId(PaymentRequest request) {
    return PaymentSaga.workflowIdFor(request.paymentNo());
  }

  /**
   * Waits until the sandbox has seen an attempt of this activity. It counts the attempt before a
   * slow card takes its time, so a test that races that attempt polls often: it has only the
   * card's delay.
   */
  public static void awaitAttempt(SandboxPaymentServices sandbox, String sagaId, String activityType) {
    await().alias(activityType + " of " + sagaId + " started").atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> sandbox.audit(sagaId).attempts(activityType) >= 1);
  }

  /** The idempotency key the saga hands down for one step of this payment. */
  public static String key(PaymentRequest request, String activityType) {
    return SagaKeyspace.idempotencyKey(sagaId(request), activityType);
  }

  /** The four forward steps of a payment, as a saga that completes runs them; returns its saga ID. */
  public static String runForwardSteps(SandboxPaymentServices sandbox, PaymentRequest request) {
    Payment payment = PaymentSagaActivities.payment(request);
    sandbox.orders().create(key(request, CREATE_ORDER), payment);
    sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);
    sandbox.ledger().credit(key(request, CREDIT_MERCHANT), payment);
    sandbox.orders().complete(key(request, COMPLETE_ORDER), key(request, CREATE_ORDER), payment);
    return sagaId(request);
  }

  /**
   * Runs every sandbox step of one new payment (order, charge, credit, reversal, refund, cancel), so
   * every kind of sandbox key is written; returns the saga ID.
   */
  public static String runEverySandboxStep(SandboxPaymentServices sandbox) {
    PaymentRequest request = withCard(SandboxMagicValues.CARD_OK);
    Payment payment = PaymentSagaActivities.payment(request);
    sandbox.orders().create(key(request, CREATE_ORDER), payment);
    sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);
    sandbox.ledger().credit(key(request, CREDIT_MERCHANT), payment);
    sandbox.ledger().reverse(key(request, REVERSE_MERCHANT_CREDIT), key(request, CREDIT_MERCHANT), payment);
    sandbox.channel().refund(key(request, REFUND_PAYMENT), key(request, CALL_PAYMENT_CHANNEL), payment.amountMinor(),
        payment);
    sandbox.orders().cancel(key(request, CANCEL_ORDER), key(request, CREATE_ORDER), payment);
    return sagaId(request);
  }
}
