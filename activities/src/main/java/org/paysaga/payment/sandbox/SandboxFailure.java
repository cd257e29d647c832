package org.paysaga.payment.sandbox;

import org.paysaga.payment.PaymentRefusals;

/**
 * A sandbox service said no. A refusal (declined card, frozen merchant, an order in the wrong
 * state) is final; an outage is temporary and the same call may succeed when retried. The
 * message never contains the card token.
 */
public final class SandboxFailure extends RuntimeException {
  /** Retryable: the payment channel did not answer the charge. */
  public static final String CHANNEL_UNAVAILABLE = "ChannelUnavailable";
  /** Retryable: the payment channel failed to refund. */
  public static final String REFUND_FAILED = "RefundFailed";
  /** Refusal: the payment channel will not refund this charge (recovery cannot help). */
  public static final String REFUND_REFUSED = PaymentRefusals.REFUND_REFUSED;
  /** Refusal: a forward action arrived after its compensation was recorded (the barrier's "hanging"). */
  public static final String SAGA_ALREADY_COMPENSATED = PaymentRefusals.SAGA_ALREADY_COMPENSATED;
  /** Retryable: the merchant ledger did not take the posting. */
  public static final String LEDGER_UNAVAILABLE = "LedgerUnavailable";
  /** Refusal: the order's status forbids the change (cancel a paid order, complete a cancelled one). */
  public static final String ORDER_STATE_CONFLICT = "OrderStateConflict";

  private final String type;
  private final boolean retryable;

  private SandboxFailure(String type, String message, boolean retryable) {
    super(message);
    this.type = type;
    this.retryable = retryable;
  }

  public static SandboxFailure refusal(String type, String message) {
    return new SandboxFailure(type, message, false);
  }

  public static SandboxFailure outage(String type, String message) {
    return new SandboxFailure(type, message, true);
  }

  /** The failure type, e.g. {@code CardDeclined} or {@link #CHANNEL_UNAVAILABLE}. */
  public String type() {
    return type;
  }

  public boolean retryable() {
    return retryable;
  }
}
