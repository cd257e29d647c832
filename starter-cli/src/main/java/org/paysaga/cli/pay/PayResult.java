package org.paysaga.cli.pay;

import org.paysaga.cli.output.SagaView;

/**
 * {@code saga pay --json}.
 *
 * @param paymentNo the payment number
 * @param sagaId the saga's workflow ID, {@code payment-<paymentNo>}
 * @param runId the run started, or the existing run
 * @param started false when the payment number already ran or runs: nothing was started
 * @param waited true with {@code --wait}
 * @param timedOut true when {@code --wait} gave up before the saga ended
 * @param status the saga's status as far as known: RUNNING right after a start, else the saga's
 * @param saga the saga's state (with {@code --wait}, or for an existing saga), else null
 * @param historyUrl the run's history in the Temporal UI
 */
public record PayResult(
    String paymentNo,
    String sagaId,
    String runId,
    boolean started,
    boolean waited,
    boolean timedOut,
    String status,
    SagaView saga,
    String historyUrl) {}
