package com.acme.payments;

import java.io.IOException;

/**
 * Stands for a payment provider's own Java client in the README's example ("Plug in your payment
 * provider"): what a team has already, and wraps in a {@code PaymentChannel}.
 */
public interface AcmeClient {
  /** An answer: the object's ID, or an error code ({@code card_declined}, {@code not_found}). */
  record Reply(String id, String error) {}

  Reply charge(String idempotencyKey, String cardToken, long amountMinor, String currency) throws IOException;

  Reply refund(String idempotencyKey, String chargeIdempotencyKey, long amountMinor) throws IOException;

  /** The charge made under the key, or null. */
  Reply findCharge(String idempotencyKey) throws IOException;
}
