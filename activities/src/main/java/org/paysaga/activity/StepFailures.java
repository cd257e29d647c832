package org.paysaga.activity;

import io.temporal.failure.ApplicationFailure;

/**
 * The failures saga activities throw. The attempt that failed is always {@code details[0]}: the
 * saga workflow reads it from there to report how many attempts a step made.
 */
public final class StepFailures {
  private StepFailures() {}

  /** A business refusal (declined card, frozen merchant...): never retried. */
  public static ApplicationFailure refusal(String type, String message, int attempt) {
    return ApplicationFailure.newNonRetryableFailure(message, type, attempt);
  }

  /** A temporary failure: the retry policy tries the step again. */
  public static ApplicationFailure retryable(String type, String message, int attempt) {
    return ApplicationFailure.newFailure(message, type, attempt);
  }

  /** A refusal or a retryable failure, as {@code retryable} says. */
  public static ApplicationFailure of(String type, String message, boolean retryable, int attempt) {
    return retryable ? retryable(type, message, attempt) : refusal(type, message, attempt);
  }
}
