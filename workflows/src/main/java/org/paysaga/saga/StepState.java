package org.paysaga.saga;

/**
 * What the saga knows about one step: its forward action and its compensation, each with status,
 * attempts (as reported by the activity, or the retry policy's maximum when it gave up) and the
 * last error. Immutable: the workflow replaces the value on every change.
 */
public record StepState(
    String step,
    StepStatus status,
    int attempts,
    String compensation,
    StepStatus compensationStatus,
    int compensationAttempts,
    String lastError) {

  public static StepState pending(String step, String compensation) {
    return new StepState(step, StepStatus.PENDING, 0, compensation, StepStatus.NOT_REQUIRED, 0, null);
  }

  public StepState withForward(StepStatus newStatus, int newAttempts, String error) {
    return new StepState(step, newStatus, newAttempts, compensation, compensationStatus,
        compensationAttempts, error == null ? lastError : error);
  }

  public StepState withCompensation(StepStatus newStatus, int newAttempts, String error) {
    return new StepState(step, status, attempts, compensation, newStatus, newAttempts,
        error == null ? lastError : error);
  }

  public boolean hasCompensation() {
    return compensation != null;
  }
}
