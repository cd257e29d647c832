package org.paysaga.saga;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Activity options of every saga: the 2/4/8 s retry policy for forward actions and
 * compensations alike, and a start-to-close timeout per step.
 *
 * <p>Why the per-step timeouts travel through {@link WorkflowImplementationOptions} and not through
 * the workflow code: options passed to {@code Workflow.newActivityStub} per method would win over
 * the worker's, so configuration could not override them. The workflow only sets {@link #base};
 * the worker's wiring registers the workflow with {@link #implementationOptions}.
 */
public final class SagaActivityOptions {
  /** First retry after 2 s, then 4 s, then 8 s: four attempts in all. */
  public static final Duration INITIAL_INTERVAL = Duration.ofSeconds(2);
  public static final double BACKOFF_COEFFICIENT = 2.0;
  public static final int MAXIMUM_ATTEMPTS = 4;
  /** Used only if a saga workflow is registered without the options of {@link #perStep}. */
  public static final Duration FALLBACK_START_TO_CLOSE = Duration.ofSeconds(30);

  private SagaActivityOptions() {}

  /** The waits between an activity's attempts, added up: 2 + 4 + 8 s. */
  public static Duration retryWaits() {
    Duration total = Duration.ZERO;
    for (int retry = 0; retry < MAXIMUM_ATTEMPTS - 1; retry++) {
      total = total.plusMillis(Math.round(INITIAL_INTERVAL.toMillis() * Math.pow(BACKOFF_COEFFICIENT, retry)));
    }
    return total;
  }

  public static RetryOptions retryPolicy(List<String> nonRetryableTypes) {
    return RetryOptions.newBuilder()
        .setInitialInterval(INITIAL_INTERVAL)
        .setBackoffCoefficient(BACKOFF_COEFFICIENT)
        .setMaximumAttempts(MAXIMUM_ATTEMPTS)
        .setDoNotRetry(nonRetryableTypes.toArray(String[]::new))
        .build();
  }

  /** What the workflow passes to {@code Workflow.newActivityStub}: retry policy, fallback timeout. */
  public static ActivityOptions base(List<String> nonRetryableTypes) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(FALLBACK_START_TO_CLOSE)
        .setRetryOptions(retryPolicy(nonRetryableTypes))
        .build();
  }

  /**
   * Per-activity-type options for a saga type's steps: each step's timeout (its default, or the
   * override keyed by the forward activity type) applies to its forward action and compensation.
   */
  public static Map<String, ActivityOptions> perStep(
      List<StepDefinition> steps, Map<String, Duration> overrides) {
    Map<String, ActivityOptions> byActivityType = new HashMap<>();
    for (StepDefinition step : steps) {
      Duration timeout = overrides.getOrDefault(step.step(), step.startToClose());
      if (timeout == null || timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException(
            "saga.steps." + step.step() + ".start-to-close must be a positive duration, was " + timeout);
      }
      ActivityOptions options = ActivityOptions.newBuilder().setStartToCloseTimeout(timeout).build();
      byActivityType.put(step.step(), options);
      if (step.compensation() != null) {
        byActivityType.put(step.compensation(), options);
      }
    }
    return byActivityType;
  }

  /** Workflow implementation options carrying {@link #perStep} for one or more saga types. */
  public static WorkflowImplementationOptions implementationOptions(Map<String, ActivityOptions> perStep) {
    return WorkflowImplementationOptions.newBuilder().setActivityOptions(perStep).build();
  }
}
