package org.paysaga.payment.sandbox;

import java.util.Optional;
import org.paysaga.payment.sandbox.SandboxStore.Attempt;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;

/**
 * The sandbox merchant ledger: one hash per payment holding its credit, the credit's reversal and
 * the refunds' debits and credits back, each once per idempotency key.
 */
public final class SandboxLedger implements MerchantLedger {
  private final SandboxStore store;

  SandboxLedger(SandboxStore store) {
    this.store = store;
  }

  /** Posts the payment to the merchant's ledger, following the merchant ID's magic behaviour. */
  @Override
  public String credit(String idempotencyKey, Payment payment) {
    SandboxKeys keys = store.keys(payment);
    String merchant = payment.merchantId();
    if (SandboxMagicValues.frozen(merchant)) {
      // Refused without a write: the attempt is logged on its own.
      store.recordAttempt(keys, idempotencyKey);
      throw new ServiceRefusedException(Refusals.MERCHANT_FROZEN, "merchant " + merchant + " is frozen");
    }
    int failures = SandboxMagicValues.creditFailures(merchant);
    String credit = Movement.encode(SandboxIds.next("le"), payment.amountMinor(), payment.currency(), merchant);
    return store.recordOnce(Attempt.failingFirst(failures, keys, idempotencyKey), keys.ledger(), idempotencyKey, credit)
        .orUnavailable(attempt -> "the merchant ledger is unavailable (attempt " + attempt + " of "
            + failures + " that fail)")
        .reference("the credit");
  }

  @Override
  public Optional<String> reverse(String idempotencyKey, String creditKey, Payment payment) {
    SandboxKeys keys = store.keys(payment);
    return store.giveBack(Attempt.of(keys, idempotencyKey), keys.ledger(), creditKey, keys.ledger(), idempotencyKey,
            SandboxIds.next("lr"), false)
        .undone("the credit's reversal");
  }

  @Override
  public String debit(String idempotencyKey, String creditKey, Refund refund) {
    SandboxKeys keys = store.keys(refund.payment());
    ScriptReply reply = store.takeBack(Attempt.of(keys, idempotencyKey), keys.ledger(), creditKey, keys.ledger(),
        idempotencyKey, SandboxIds.next("ld"), refund.amountMinor(), false);
    if (reply.verdict() == ScriptReply.Verdict.NOTHING_TO_DO) {
      throw new ServiceRefusedException(Refusals.REFUND_EXCEEDS_CHARGE, "the payment has no credit to refund");
    }
    return reply.reference("the refund's debit");
  }

  @Override
  public Optional<String> creditBack(String idempotencyKey, String debitKey, Refund refund) {
    SandboxKeys keys = store.keys(refund.payment());
    return store.giveBack(Attempt.of(keys, idempotencyKey), keys.ledger(), debitKey, keys.ledger(), idempotencyKey,
            SandboxIds.next("lb"), true)
        .undone("the debit's credit back");
  }
}
