package org.paysaga.ports;

/**
 * The reasons of {@link ServiceRefusedException} the saga knows. A service may name others: any
 * refusal ends the step without a retry, and its reason becomes the step's failure type.
 */
public final class Refusals {
  public static final String CARD_DECLINED = "CardDeclined";
  public static final String MERCHANT_FROZEN = "MerchantFrozen";
  /** The call's key was voided by the compensation of its step: it arrived too late. */
  public static final String ALREADY_COMPENSATED = "SagaAlreadyCompensated";
  /** The channel will not refund the charge (recovery cannot help). */
  public static final String REFUND_REFUSED = "RefundRefused";
  /** The refunds of a payment would pass what it charged or credited. */
  public static final String REFUND_EXCEEDS_CHARGE = "RefundExceedsCharge";
  /** The order's status forbids the change (cancel a paid order, complete a cancelled one). */
  public static final String ORDER_STATE_CONFLICT = "OrderStateConflict";
  /** The key was used before with other parameters. */
  public static final String KEY_REUSED = "IdempotencyKeyReused";

  private Refusals() {}
}
