package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace.SandboxKeys;

import org.paysaga.barrier.BarrierStep;

import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;

import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;

/**
 * The sandbox merchant ledger: credits the merchant and reverses the credit, each at most once per
 * saga, keyed {@code <sagaId>:CreditMerchant} and {@code <sagaId>:ReverseMerchantCredit}.
 */
public final class SandboxLedger {
  static final String NOTHING_TO_REVERSE = "nothing-to-reverse";

  private final SandboxStore store;

  SandboxLedger(SandboxStore store) {
    this.store = store;
  }

  /** Posts the payment to the merchant's ledger, following the merchant ID's magic behaviour. */
  public SandboxEffect credit(String sagaId, PaymentRequest request) {
    SandboxKeys keys = store.keys(sagaId);
    int attempt = store.recordAttempt(keys, CREDIT_MERCHANT);
    String merchant = request.merchantId();
    if (SandboxMagicValues.frozen(merchant)) {
      throw SandboxFailure.refusal(PaymentRefusals.MERCHANT_FROZEN,
          "merchant " + merchant + " is frozen");
    }
    int failures = SandboxMagicValues.creditFailures(merchant);
    if (attempt <= failures) {
      throw SandboxFailure.outage(SandboxFailure.LEDGER_UNAVAILABLE,
          "the merchant ledger is unavailable (attempt " + attempt + " of " + failures
              + " that fail)");
    }
    String credit = Movement.encode(
        SandboxIds.next("le"), request.amountMinor(), request.currency(), merchant);
    return store.recordOnce(BarrierStep.forward(sagaId, CREDIT_MERCHANT), keys.ledger(),
        keys.idempotencyKey(CREDIT_MERCHANT), credit).effect();
  }

  /** Posts the reversal of the saga's credit; with no credit there is nothing to reverse. */
  public SandboxEffect reverse(String sagaId) {
    SandboxKeys keys = store.keys(sagaId);
    store.recordAttempt(keys, REVERSE_MERCHANT_CREDIT);
    return store.undoOnce(BarrierStep.compensation(sagaId, CREDIT_MERCHANT),
            keys.ledger(), keys.idempotencyKey(CREDIT_MERCHANT),
            keys.ledger(), keys.idempotencyKey(REVERSE_MERCHANT_CREDIT), SandboxIds.next("lr"))
        .effectOr(NOTHING_TO_REVERSE);
  }
}
