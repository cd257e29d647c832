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
  /**
   * History events one recovery round records: timer started and fired, a workflow task, the
   * activity scheduled, started and failed (the server retries its attempts unrecorded), and the
   * workflow task that starts the next timer (pinned by RecoveryHistorySizeTest).
   */
  public static final int EVENTS_PER_RECOVERY_ROUND = 11;
  /** Events of a saga outside its recovery rounds (start, steps, compensations, DLQ), rounded up. */
  public static final int EVENTS_OUTSIDE_RECOVERY = 100;
  /** Temporal warns about a workflow's history from this many events on. */
  public static final int HISTORY_WARNING_EVENTS = 10_240;
  /**
   * Temporal terminates a workflow at 51,200 events: a saga terminated in recovery never reaches
   * the DLQ, so settings that could come within 20 % of it are refused.
   */
  public static final int MAX_RECOVERY_HISTORY_EVENTS = 40_960;

  public SagaSettings {
    stepTimeouts = stepTimeouts == null ? Map.of() : Map.copyOf(stepTimeouts);
  }

  /** Recovery settings alone: every step keeps the timeout its saga type declares. */
  public SagaSettings(Duration recoveryInterval, Duration giveUpAfter) {
    this(recoveryInterval, giveUpAfter, Map.of());
  }

  /** Rounds of a recovery that never succeeds: each is the interval plus the waits between its attempts. */
  public long recoveryRounds() {
    long round = recoveryInterval.plus(SagaActivityOptions.retryWaits()).toMillis();
    return -Math.floorDiv(-giveUpAfter.toMillis(), round);
  }

  /** The history events a saga reaches when its recovery runs to the end of the give-up window. */
  public long recoveryHistoryEvents() {
    return recoveryRounds() * EVENTS_PER_RECOVERY_ROUND + EVENTS_OUTSIDE_RECOVERY;
  }

  public SagaSettings withStepTimeouts(Map<String, Duration> timeouts) {
    return new SagaSettings(recoveryInterval, giveUpAfter, timeouts);
  }
}
