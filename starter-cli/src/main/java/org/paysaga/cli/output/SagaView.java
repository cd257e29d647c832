package org.paysaga.cli.output;

import java.util.List;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/**
 * A saga's state in JSON (the {@code saga} object of pay, status and demo).
 *
 * @param sagaId workflow ID, {@code payment-<paymentNo>}
 * @param paymentNo the payment number (the saga's business key), null if the saga never started
 * @param sagaType workflow type, {@code PaymentSaga}
 * @param status RUNNING, COMPLETED, COMPENSATING, COMPENSATED, RECOVERING, DLQ, RESOLVED or FAILED
 * @param terminal true when the saga will run no more code
 * @param failure why the saga left the happy path (first failure), or null
 * @param note the operator's note of a RESOLVED saga, or null
 * @param startedAt ISO-8601 UTC
 * @param updatedAt ISO-8601 UTC, the last status change
 * @param durationMillis from start to the last status change
 * @param stepsSucceeded forward steps that took effect
 * @param compensationsSucceeded compensations that undid their step
 * @param compensationsFailed compensations that gave up (recovery or the DLQ follows)
 * @param steps each step in order
 */
public record SagaView(
    String sagaId,
    String paymentNo,
    String sagaType,
    String status,
    boolean terminal,
    String failure,
    String note,
    String startedAt,
    String updatedAt,
    long durationMillis,
    int stepsSucceeded,
    int compensationsSucceeded,
    int compensationsFailed,
    List<StepView> steps) {

  public static SagaView of(SagaState state) {
    return new SagaView(state.sagaId(), state.businessKey(), state.sagaType(), state.status().name(),
        state.status().isTerminal(), state.failure(), state.note(),
        Formats.instant(state.startedAtMillis()), Formats.instant(state.updatedAtMillis()),
        duration(state), stepsSucceeded(state), compensations(state, StepStatus.SUCCEEDED),
        compensations(state, StepStatus.FAILED), state.steps().stream().map(StepView::of).toList());
  }

  public static long duration(SagaState state) {
    return Math.max(0, state.updatedAtMillis() - state.startedAtMillis());
  }

  public static int stepsSucceeded(SagaState state) {
    return (int) state.steps().stream().filter(s -> s.status() == StepStatus.SUCCEEDED).count();
  }

  public static int compensations(SagaState state, StepStatus status) {
    return (int) state.steps().stream()
        .filter(StepState::hasCompensation)
        .filter(s -> s.compensationStatus() == status)
        .count();
  }
}
