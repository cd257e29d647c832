package org.paysaga.saga;

import java.util.List;

/**
 * The saga as a whole: the answer of the {@code state} query while it runs, and the workflow's
 * result once it has ended, so readers use one type for both.
 *
 * @param sagaId workflow ID, e.g. {@code payment-P1001}
 * @param sagaType workflow type, e.g. {@code PaymentSaga}
 * @param businessKey the key users know the saga by, e.g. the payment number
 * @param startedAtMillis workflow time when the saga started (epoch ms)
 * @param updatedAtMillis workflow time of the last status change (epoch ms)
 * @param failure why the saga left the happy path (first failure), or null
 * @param note the operator's note when {@link SagaStatus#RESOLVED}, or null
 */
public record SagaState(
    String sagaId,
    String sagaType,
    String businessKey,
    SagaStatus status,
    List<StepState> steps,
    String failure,
    String note,
    long startedAtMillis,
    long updatedAtMillis) {

  public SagaState {
    steps = List.copyOf(steps);
  }

  /** The state of the named step. */
  public StepState step(String name) {
    return steps.stream()
        .filter(s -> s.step().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step " + name + " in " + sagaType));
  }
}
