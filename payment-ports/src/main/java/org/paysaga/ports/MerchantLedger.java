package org.paysaga.ports;

import java.util.Optional;

/**
 * The merchant ledger: credits merchants for payments and takes refunds back. Idempotency and
 * void keys as for {@link OrderService}.
 */
public interface MerchantLedger {

  /** Posts the payment to the merchant; returns the posting's reference. */
  String credit(String idempotencyKey, Payment payment);

  /** Reverses the credit posted under {@code creditKey}; empty when there is none. */
  Optional<String> reverse(String idempotencyKey, String creditKey, Payment payment);

  /**
   * Takes a refund back from the merchant, against the credit posted under {@code creditKey}.
   * Refused ({@link Refusals#REFUND_EXCEEDS_CHARGE}) when the payment's refunds would pass what is
   * left of its credit (nothing, when there is no credit or it was reversed), concurrent refunds
   * included.
   */
  String debit(String idempotencyKey, String creditKey, Refund refund);

  /** Undoes the debit posted under {@code debitKey}; empty when there is none. */
  Optional<String> creditBack(String idempotencyKey, String debitKey, Refund refund);
}
