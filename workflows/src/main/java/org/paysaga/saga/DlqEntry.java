package org.paysaga.saga;

import java.util.List;
import java.util.Map;

/**
 * A saga parked in the dead-letter queue: everything an operator needs to decide what to do,
 * stored as JSON in the Redis hash {@code saga:{dlq}:entries} under {@link #sagaId}.
 *
 * @param sagaId workflow ID of the saga (the key of its entry and of its barrier records)
 * @param workflowId the workflow that parked it and waits for the operator's signal: the saga
 *     itself, or the compensation workflow a retry started
 * @param runId the run that parked it (or that Temporal ended)
 * @param sagaType workflow type, e.g. {@code PaymentSaga}
 * @param businessKey the key users know it by (payment number)
 * @param attributes what the saga is about, for people: amount, currency, merchant...
 * @param reason why it is here, in one line
 * @param failureChain every failure on the way, oldest first
 * @param steps each step's forward and compensation status with attempts and last error
 * @param firstFailureAtMillis when the first compensation (or forward-only step) gave up, epoch ms
 * @param dlqAtMillis when it entered the DLQ, epoch ms (the index score)
 * @param retries operator retries so far
 * @param source {@link #SOURCE_RECOVERY} (the saga parked itself, still open, waiting for a
 *     signal) or {@link #SOURCE_SWEEPER} (Temporal ended it; a retry starts a compensation workflow)
 * @param input the saga's input as the saga or the sweeper hands it over, so its outstanding
 *     compensations can run again; never stored as such: the store keeps it as
 *     {@code inputPayload}. Entries written before that hold it here, in plain JSON
 * @param inputPayload the input as the Temporal client's data converter encodes it (its codec,
 *     encryption included), base64 of the {@code Payload} protobuf: what a retry decodes; null
 *     before the store wrote the entry, and in entries written before it existed
 * @param inputView what people see of the input: its fields with the card token masked
 *     ({@code CardTokens.mask}); display only, never a retry's input
 */
public record DlqEntry(
    String sagaId,
    String workflowId,
    String runId,
    String sagaType,
    String businessKey,
    Map<String, String> attributes,
    String reason,
    List<String> failureChain,
    List<StepState> steps,
    long firstFailureAtMillis,
    long dlqAtMillis,
    int retries,
    String source,
    Object input,
    String inputPayload,
    Object inputView) {
  public static final String SOURCE_RECOVERY = "recovery";
  public static final String SOURCE_SWEEPER = "sweeper";

  public DlqEntry {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    failureChain = failureChain == null ? List.of() : List.copyOf(failureChain);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** An entry as the saga or the sweeper makes it, with its input as is: the store encodes it. */
  public DlqEntry(String sagaId, String workflowId, String runId, String sagaType, String businessKey,
      Map<String, String> attributes, String reason, List<String> failureChain, List<StepState> steps,
      long firstFailureAtMillis, long dlqAtMillis, int retries, String source, Object input) {
    this(sagaId, workflowId, runId, sagaType, businessKey, attributes, reason, failureChain, steps,
        firstFailureAtMillis, dlqAtMillis, retries, source, input, null, null);
  }

  /** The same entry with its input in other forms (the store's encoding, or an old entry's view). */
  public DlqEntry withInput(Object input, String inputPayload, Object inputView) {
    return new DlqEntry(sagaId, workflowId, runId, sagaType, businessKey, attributes, reason, failureChain, steps,
        firstFailureAtMillis, dlqAtMillis, retries, source, input, inputPayload, inputView);
  }

  /** The same entry, first entered into the DLQ at another time. */
  public DlqEntry withDlqAt(long dlqAtMillis) {
    return new DlqEntry(sagaId, workflowId, runId, sagaType, businessKey, attributes, reason, failureChain, steps,
        firstFailureAtMillis, dlqAtMillis, retries, source, input, inputPayload, inputView);
  }

  /** Leaves the input out (it holds the card token); the view stands for it. */
  @Override
  public String toString() {
    return "DlqEntry[sagaId=" + sagaId + ", workflowId=" + workflowId + ", runId=" + runId + ", sagaType=" + sagaType
        + ", businessKey=" + businessKey + ", attributes=" + attributes + ", reason=" + reason + ", failureChain="
        + failureChain + ", steps=" + steps + ", firstFailureAtMillis=" + firstFailureAtMillis + ", dlqAtMillis="
        + dlqAtMillis + ", retries=" + retries + ", source=" + source + ", inputView=" + inputView + "]";
  }

  /** True when the saga itself still waits for {@code retryCompensation} or {@code resolve}. */
  public boolean sagaWaiting() {
    return SOURCE_RECOVERY.equals(source);
  }
}
