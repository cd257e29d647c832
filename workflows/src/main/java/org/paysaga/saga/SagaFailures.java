package org.paysaga.saga;

import io.temporal.api.enums.v1.RetryState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/** Reads what the saga reports about a failed activity: a short message and the attempts made. */
final class SagaFailures {
  private SagaFailures() {}

  /** "CallPaymentChannel: card declined [CardDeclined]", "CreditMerchant: timed out (START_TO_CLOSE)". */
  static String describe(Throwable failure) {
    if (failure instanceof ActivityFailure activity) {
      return activity.getActivityType() + ": " + describeCause(activity.getCause());
    }
    return describeCause(failure);
  }

  private static String describeCause(Throwable cause) {
    if (cause instanceof ApplicationFailure app) {
      return app.getOriginalMessage() + " [" + app.getType() + "]";
    }
    if (cause instanceof TimeoutFailure timeout) {
      return "timed out (" + timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", "") + ")";
    }
    if (cause instanceof CanceledFailure) {
      return "cancelled";
    }
    if (cause instanceof TemporalFailure temporal) {
      return temporal.getOriginalMessage();
    }
    return cause == null ? "unknown failure" : cause.toString();
  }

  /**
   * Attempts an activity made before it failed: activities put the attempt into their failure's
   * details; a timed-out last attempt has none, but then the retry policy's maximum was reached.
   */
  static int attempts(Throwable failure, int maximumAttempts) {
    if (!(failure instanceof ActivityFailure activity)) {
      return 0;
    }
    if (activity.getCause() instanceof ApplicationFailure app && app.getDetails().getSize() > 0) {
      Integer attempt = app.getDetails().get(0, Integer.class);
      if (attempt != null) {
        return attempt;
      }
    }
    return activity.getRetryState() == RetryState.RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED
        ? maximumAttempts
        : 0;
  }
}
