package org.paysaga.saga;

import java.time.Duration;

/**
 * The worker's recovery settings, read by the saga through a local activity (recorded in its
 * history, so replay sees the same values even if the configuration changed since).
 *
 * @param recoveryInterval wait between recovery rounds ({@code saga.recovery.interval}, 5 min)
 * @param giveUpAfter how long after the first failure recovery goes on before the saga is parked
 *     in the DLQ ({@code saga.recovery.give-up-after}, 3 days)
 */
public record SagaSettings(Duration recoveryInterval, Duration giveUpAfter) {
  public static final SagaSettings DEFAULTS = new SagaSettings(Duration.ofMinutes(5), Duration.ofDays(3));
}
