package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace.SandboxKeys;

import org.paysaga.barrier.BarrierStep;

import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;

import java.time.Duration;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;

/**
 * The sandbox payment channel: charges and refunds the card, each at most once per saga, keyed
 * {@code <sagaId>:CallPaymentChannel} and {@code <sagaId>:RefundPayment} like a provider's
 * idempotency keys, so a retried or timed-out attempt never charges or refunds twice.
 */
public final class SandboxPaymentChannel {
  static final String NOTHING_TO_REFUND = "nothing-to-refund";

  private final SandboxStore store;

  SandboxPaymentChannel(SandboxStore store) {
    this.store = store;
  }

  /** Charges the request's amount to its card token, following the token's magic behaviour. */
  public SandboxEffect charge(String sagaId, PaymentRequest request) {
    SandboxKeys keys = store.keys(sagaId);
    int attempt = store.recordAttempt(keys, CALL_PAYMENT_CHANNEL);
    String token = request.cardToken();
    takeTime(Duration.ofSeconds(SandboxMagicValues.chargeSeconds(token)));
    if (SandboxMagicValues.declines(token)) {
      throw SandboxFailure.refusal(PaymentRefusals.CARD_DECLINED, "the card was declined");
    }
    int failures = SandboxMagicValues.chargeFailures(token);
    if (attempt <= failures) {
      throw SandboxFailure.outage(SandboxFailure.CHANNEL_UNAVAILABLE,
          "the payment channel is unavailable (attempt " + attempt + " of " + failures
              + " that fail)");
    }
    String charge = Movement.encode(SandboxIds.next("ch"), request.amountMinor(), request.currency());
    return store.recordOnce(BarrierStep.forward(sagaId, CALL_PAYMENT_CHANNEL), keys.charges(),
            keys.idempotencyKey(CALL_PAYMENT_CHANNEL), charge)
        .effect();
  }

  /** Refunds the saga's charge in full; with no charge there is nothing to refund. */
  public SandboxEffect refund(String sagaId, PaymentRequest request) {
    SandboxKeys keys = store.keys(sagaId);
    int attempt = store.recordAttempt(keys, REFUND_PAYMENT);
    if (SandboxMagicValues.refundRefused(request.cardToken())) {
      throw SandboxFailure.refusal(SandboxFailure.REFUND_REFUSED, "the payment channel refused the refund");
    }
    if (SandboxMagicValues.refundFails(request.cardToken(), attempt)) {
      throw SandboxFailure.outage(SandboxFailure.REFUND_FAILED, "the payment channel failed to refund");
    }
    return store.undoOnce(BarrierStep.compensation(sagaId, CALL_PAYMENT_CHANNEL),
            keys.charges(), keys.idempotencyKey(CALL_PAYMENT_CHANNEL),
            keys.refunds(), keys.idempotencyKey(REFUND_PAYMENT), SandboxIds.next("re"))
        .effectOr(NOTHING_TO_REFUND);
  }

  /** A slow channel: the attempt takes this long before it charges (and may time out meanwhile). */
  private static void takeTime(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SandboxFailure.outage(SandboxFailure.CHANNEL_UNAVAILABLE,
          "the charge attempt was interrupted before it charged");
    }
  }
}
