package org.paysaga.payment.sandbox;

/**
 * What a sandbox call did: a reference to the order, charge, refund or ledger entry it concerns
 * (or a note such as {@code nothing-to-refund}) and whether it made the change now, had made it
 * before under the same idempotency key, or found nothing to do.
 */
public record SandboxEffect(String reference, Outcome outcome) {

  public enum Outcome {
    /** The change was made by this call. */
    APPLIED,
    /** An earlier call with the same idempotency key made it; this one changed nothing. */
    REPLAYED,
    /** There was nothing to undo (no order, no charge, no credit); nothing was written. */
    NOTHING_TO_DO
  }
}
