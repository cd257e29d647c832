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
  /** A forward action that arrived after its compensation (the barrier refuses it). */
  public static final String SAGA_ALREADY_COMPENSATED = "SagaAlreadyCompensated";
  /** The channel will not refund: recovery cannot help. */
  public static final String REFUND_REFUSED = "RefundRefused";

  public static final List<String> ALL =
      List.of(CARD_DECLINED, MERCHANT_FROZEN, INVALID_REQUEST, SAGA_ALREADY_COMPENSATED, REFUND_REFUSED);

  private PaymentRefusals() {}
}
