package org.paysaga.testing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;

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

  /**
   * Runs every sandbox step of one new payment (order, charge, credit, reversal, refund, cancel), so
   * every kind of sandbox key is written; returns the saga ID.
   */
  /** The four forward steps of a payment, as a saga that completes runs them; returns its saga ID. */
  public static String runForwardSteps(SandboxPaymentServices sandbox, PaymentRequest payment) {
    String sagaId = sagaId(payment);
    sandbox.orders().create(sagaId, payment);
    sandbox.channel().charge(sagaId, payment);
    sandbox.ledger().credit(sagaId, payment);
    sandbox.orders().complete(sagaId);
    return sagaId;
  }

  public static String runEverySandboxStep(SandboxPaymentServices sandbox) {
    PaymentRequest payment = withCard(SandboxMagicValues.CARD_OK);
    String sagaId = sagaId(payment);
    sandbox.orders().create(sagaId, payment);
    sandbox.channel().charge(sagaId, payment);
    sandbox.ledger().credit(sagaId, payment);
    sandbox.ledger().reverse(sagaId);
    sandbox.channel().refund(sagaId, payment);
    sandbox.orders().cancel(sagaId);
    return sagaId;
  }
}
