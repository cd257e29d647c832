package org.paysaga.payment;

import java.util.List;
import org.paysaga.ports.Refusals;

/**
 * Failure types (of {@code ApplicationFailure.getType()}) that are business refusals: retrying
 * them cannot help, so the retry policy never retries them. The services' refusals keep the
 * reason the port gave ({@link Refusals}).
 */
public final class PaymentRefusals {
  public static final String CARD_DECLINED = Refusals.CARD_DECLINED;
  public static final String MERCHANT_FROZEN = Refusals.MERCHANT_FROZEN;
  public static final String INVALID_REQUEST = "InvalidPaymentRequest";
  /** A forward action that arrived after its compensation (the barrier or the service refuses it). */
  public static final String SAGA_ALREADY_COMPENSATED = Refusals.ALREADY_COMPENSATED;
  /** The channel will not refund: recovery cannot help. */
  public static final String REFUND_REFUSED = Refusals.REFUND_REFUSED;

  public static final List<String> ALL = List.of(CARD_DECLINED, MERCHANT_FROZEN, INVALID_REQUEST,
      SAGA_ALREADY_COMPENSATED, REFUND_REFUSED, Refusals.REFUND_EXCEEDS_CHARGE, Refusals.ORDER_STATE_CONFLICT,
      Refusals.KEY_REUSED);

  private PaymentRefusals() {}
}
