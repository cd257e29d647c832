package org.paysaga.cli.refund;

import org.paysaga.cli.output.SagaView;

/**
 * {@code saga refund --json}.
 *
 * @param paymentNo the payment refunded
 * @param refundNo the refund's number; its saga is {@code refund-<refundNo>}
 * @param amount the amount refunded, as a decimal in the payment's currency
 * @param started false when the refund number ran before: nothing was started
 * @param status the refund saga's status as far as known
 * @param saga the refund saga's state (with {@code --wait}, or for an existing refund), else null
 */
public record RefundResult(
    String paymentNo,
    String refundNo,
    String sagaId,
    String runId,
    String amount,
    String currency,
    boolean started,
    boolean waited,
    boolean timedOut,
    String status,
    SagaView saga,
    String historyUrl) {}
