package org.paysaga.cli.dlq;

import org.paysaga.cli.output.Formats;
import org.paysaga.saga.DlqEntry;

/**
 * A DLQ entry in {@code saga dlq list --json}.
 *
 * @param sagaId the saga's workflow ID (the entry's ID)
 * @param workflowId the workflow that waits for the operator: the saga, or its compensation workflow
 * @param runId the run that parked it (or that Temporal ended)
 * @param sagaType workflow type, e.g. PaymentSaga
 * @param businessKey the payment (or refund) number
 * @param reason why it is in the DLQ, one line
 * @param source {@code recovery} (the saga parked itself and waits for a signal) or {@code sweeper}
 *     (Temporal ended it; a retry starts a compensation workflow)
 * @param sagaWaiting true when the saga itself still waits for retry or resolve
 * @param retries operator retries so far
 * @param firstFailureAt when the first compensation gave up, ISO-8601 UTC
 * @param dlqAt when it entered the DLQ, ISO-8601 UTC
 */
public record DlqEntrySummary(
    String sagaId,
    String workflowId,
    String runId,
    String sagaType,
    String businessKey,
    String reason,
    String source,
    boolean sagaWaiting,
    int retries,
    String firstFailureAt,
    String dlqAt) {

  public static DlqEntrySummary of(DlqEntry entry) {
    return new DlqEntrySummary(entry.sagaId(), entry.workflowId(), entry.runId(), entry.sagaType(),
        entry.businessKey(), entry.reason(), entry.source(), entry.sagaWaiting(), entry.retries(),
        Formats.instant(entry.firstFailureAtMillis()), Formats.instant(entry.dlqAtMillis()));
  }
}
