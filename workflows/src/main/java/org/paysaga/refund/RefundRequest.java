package org.paysaga.refund;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.Money;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;
import org.paysaga.saga.SagaInput;

/**
 * A refund of all or part of a payment that completed: take the amount back from the merchant,
 * then refund the card. The payment services keep the refunds of one payment within its charge.
 *
 * @param refundNo the caller's unique refund number (letters, digits, '-', '_', at most 64)
 * @param payment the payment being refunded, as it was paid
 * @param amountMinor the amount to refund in minor units of the payment's currency; 0 (what
 *     refunds recorded before partial refunds carry) refunds the whole payment
 */
public record RefundRequest(String refundNo, PaymentRequest payment, long amountMinor) implements SagaInput {
  private static final Pattern REFUND_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** A refund of the whole payment. */
  public RefundRequest(String refundNo, PaymentRequest payment) {
    this(refundNo, payment, payment == null ? 0 : payment.amountMinor());
  }

  /** What this refund gives back, in minor units. */
  public long amountToRefund() {
    return amountMinor == 0 && payment != null ? payment.amountMinor() : amountMinor;
  }

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
      description.put("refundAmount", Money.format(amountToRefund(), payment.currency()));
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
    if (request.amountMinor() < 0) {
      throw new InvalidPaymentRequestException("amount", "must be positive");
    }
    if (request.amountToRefund() > request.payment().amountMinor()) {
      throw new InvalidPaymentRequestException("amount", "must not be more than the payment's "
          + Money.format(request.payment().amountMinor(), request.payment().currency()));
    }
    return request;
  }
}
