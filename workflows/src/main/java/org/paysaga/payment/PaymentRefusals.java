package org.paysaga.payment;

import java.util.List;

/**
 * Failure types (of {@code ApplicationFailure.getType()}) that are business refusals: retrying
 * them cannot help, so the retry policy never retries them.
 */
public final class PaymentRefusals {
  public static final String CARD_DECLINED = "CardDeclined";
  public static final String MERCHANT_FROZEN = "MerchantFrozen";
  public static final String INVALID_REQUEST = "InvalidPaymentRequest";

  public static final List<String> ALL = List.of(CARD_DECLINED, MERCHANT_FROZEN, INVALID_REQUEST);

  private PaymentRefusals() {}
}
