package org.paysaga.saga;

import java.time.Duration;

/**
 * @param interval wait between sweeps ({@code saga.sweeper.interval}, 5 min)
 * @param batchSize sagas examined per sweep ({@code saga.sweeper.batch-size}, 10)
 */
public record SweeperSettings(Duration interval, int batchSize) {
  public static final SweeperSettings DEFAULTS = new SweeperSettings(Duration.ofMinutes(5), 10);
}
