package org.paysaga.refund;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;
import org.paysaga.saga.SagaInput;

/**
 * A full refund of a payment that completed: take the amount back from the merchant, then refund
 * the card.
 *
 * @param refundNo the caller's unique refund number (letters, digits, '-', '_', at most 64)
 * @param payment the payment being refunded, as it was paid
 */
public record RefundRequest(String refundNo, PaymentRequest payment) implements SagaInput {
  private static final Pattern REFUND_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The workflow ID of this refund's saga, its lock. */
  public String sagaId() {
    return RefundSaga.workflowIdFor(refundNo);
  }

  @Override
  public String businessKey() {
    return refundNo;
  }

  /** The refunded payment's description, and the refund number. */
  @Override
  public Map<String, String> description() {
    Map<String, String> description = new LinkedHashMap<>();
    description.put("refundNo", refundNo);
    if (payment != null) {
      description.putAll(payment.description());
    }
    return description;
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
