package org.paysaga.cli.dlq;

import java.util.List;
import java.util.Map;
import org.paysaga.cli.output.Formats;
import org.paysaga.cli.output.StepView;
import org.paysaga.saga.DlqEntry;

/**
 * Every field of a DLQ entry, in {@code saga dlq show --json} (under {@code entry}).
 *
 * @param sagaId the saga's workflow ID (the entry's ID)
 * @param workflowId the workflow that waits for the operator: the saga, or its compensation workflow
 * @param runId the run that parked it (or that Temporal ended)
 * @param sagaType workflow type, e.g. PaymentSaga
 * @param businessKey the payment (or refund) number
 * @param attributes what the saga is about: paymentNo, merchantId, amount, currency...
 * @param reason why it is in the DLQ, one line
 * @param failureChain every failure on the way, oldest first
 * @param steps each step's forward and compensation status, attempts and last error
 * @param firstFailureAt when the first compensation gave up, ISO-8601 UTC
 * @param dlqAt when it entered the DLQ, ISO-8601 UTC
 * @param retries operator retries so far
 * @param source {@code recovery} or {@code sweeper}
 * @param sagaWaiting true when the saga itself still waits for retry or resolve
 * @param input what the entry shows of the saga's input (the payment request): its fields with
 *     the card token masked ({@code tok_…fail}); the input itself stays encoded in the entry
 */
public record DlqEntryDetail(
    String sagaId,
    String workflowId,
    String runId,
    String sagaType,
    String businessKey,
    Map<String, String> attributes,
    String reason,
    List<String> failureChain,
    List<StepView> steps,
    String firstFailureAt,
    String dlqAt,
    int retries,
    String source,
    boolean sagaWaiting,
    Object input) {

  public static DlqEntryDetail of(DlqEntry entry) {
    return new DlqEntryDetail(entry.sagaId(), entry.workflowId(), entry.runId(), entry.sagaType(),
        entry.businessKey(), new java.util.TreeMap<>(entry.attributes()), entry.reason(), entry.failureChain(),
        entry.steps().stream().map(StepView::of).toList(), Formats.instant(entry.firstFailureAtMillis()),
        Formats.instant(entry.dlqAtMillis()), entry.retries(), entry.source(), entry.sagaWaiting(), entry.inputView());
  }
}
