package org.paysaga.refund;

import java.util.regex.Pattern;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;

/**
 * A full refund of a payment that completed: take the amount back from the merchant, then refund
 * the card.
 *
 * @param refundNo the caller's unique refund number (letters, digits, '-', '_', at most 64)
 * @param payment the payment being refunded, as it was paid
 */
public record RefundRequest(String refundNo, PaymentRequest payment) {
  private static final Pattern REFUND_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The workflow ID of this refund's saga, its lock. */
  public String sagaId() {
    return RefundSaga.workflowIdFor(refundNo);
  }

  /** Checks the request, naming the first bad field. */
  public static RefundRequest validate(RefundRequest request) {
    if (request == null) {
      throw new InvalidPaymentRequestException("request", "is required");
    }
    if (request.refundNo() == null || !REFUND_NO.matcher(request.refundNo()).matches()) {
      throw new InvalidPaymentRequestException("refundNo", "must be 1 to 64 letters, digits, '-' or '_'");
    }
    if (request.payment() == null) {
      throw new InvalidPaymentRequestException("payment", "is required");
    }
    PaymentRequests.validate(request.payment());
    return request;
  }
}
