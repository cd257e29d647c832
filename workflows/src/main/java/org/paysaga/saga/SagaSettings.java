package org.paysaga.saga;

import java.time.Duration;
import java.util.Map;

/**
 * The worker's settings that saga code reads through a local activity (recorded in its history,
 * so replay sees the same values even if the configuration changed since).
 *
 * @param recoveryInterval wait between recovery rounds ({@code saga.recovery.interval}, 5 min)
 * @param giveUpAfter how long after the first failure recovery goes on before the saga is parked
 *     in the DLQ ({@code saga.recovery.give-up-after}, 3 days)
 * @param stepTimeouts the start-to-close timeout of each step by name, as this worker is configured
 *     ({@code saga.steps.<Step>.start-to-close}): the compensation workflow, whose untyped stubs the
 *     worker's per-type activity options do not reach, takes them from here. Empty in records
 *     written before it existed.
 */
public record SagaSettings(Duration recoveryInterval, Duration giveUpAfter, Map<String, Duration> stepTimeouts) {
  public static final SagaSettings DEFAULTS = new SagaSettings(Duration.ofMinutes(5), Duration.ofDays(3));

  public SagaSettings {
    stepTimeouts = stepTimeouts == null ? Map.of() : Map.copyOf(stepTimeouts);
  }

  /** Recovery settings alone: every step keeps the timeout its saga type declares. */
  public SagaSettings(Duration recoveryInterval, Duration giveUpAfter) {
    this(recoveryInterval, giveUpAfter, Map.of());
  }

  public SagaSettings withStepTimeouts(Map<String, Duration> timeouts) {
    return new SagaSettings(recoveryInterval, giveUpAfter, timeouts);
  }
}
