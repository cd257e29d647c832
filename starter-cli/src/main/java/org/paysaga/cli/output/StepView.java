package org.paysaga.cli.output;

import org.paysaga.saga.StepState;

/**
 * One step of a saga in JSON.
 *
 * @param step forward activity type, e.g. {@code CallPaymentChannel}
 * @param status PENDING, RUNNING, SUCCEEDED, FAILED or NOT_REQUIRED
 * @param attempts attempts of the forward action
 * @param compensation compensating activity type, null for a step past the pivot
 * @param compensationStatus status of the compensation (NOT_REQUIRED while none is needed)
 * @param compensationAttempts attempts of the compensation
 * @param lastError the last error of either, or null
 */
public record StepView(
    String step,
    String status,
    int attempts,
    String compensation,
    String compensationStatus,
    int compensationAttempts,
    String lastError) {

  public static StepView of(StepState state) {
    return new StepView(state.step(), name(state.status()), state.attempts(), state.compensation(),
        name(state.compensationStatus()), state.compensationAttempts(), state.lastError());
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}
