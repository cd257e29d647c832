package org.paysaga.ports;

import java.util.Optional;

/**
 * The payment channel (the payment service provider): charges cards and refunds charges.
 * Idempotency as for {@link OrderService}; in addition, the same key with other parameters is
 * refused ({@link Refusals#KEY_REUSED}), as providers that take an {@code Idempotency-Key} do.
 */
public interface PaymentChannel {

  /**
   * Charges the payment's amount to its card token; returns the charge's reference. Refused
   * ({@link Refusals#CARD_DECLINED}) when the card is declined.
   */
  String charge(String idempotencyKey, Payment payment);

  /**
   * Refunds {@code amountMinor} of the charge made under {@code chargeKey}; returns the refund's
   * reference, or empty when there is no such charge (the key is void from then on). Refused
   * ({@link Refusals#REFUND_EXCEEDS_CHARGE}) when refunds would pass the charge.
   */
  Optional<String> refund(String idempotencyKey, String chargeKey, long amountMinor, Payment payment);

  /**
   * The reference of the charge made under {@code chargeKey}, if any: how a charge whose answer
   * was lost ({@link OutcomeUnknownException}) is settled.
   */
  Optional<String> findCharge(String chargeKey);
}
