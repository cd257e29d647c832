package org.paysaga.saga;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Sweeps forever on a durable timer, continuing as new now and then so its history stays short.
 * The cursor travels through continue-as-new, so the registry is walked round fairly.
 */
public class SagaSweeperImpl implements SagaSweeper {
  /** Sweeps per run before continuing as new (about 3 events each). */
  static final int SWEEPS_PER_RUN = 500;

  private final SweeperActivities activities = Workflow.newActivityStub(SweeperActivities.class,
      ActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(RetryOptions.newBuilder()
              .setInitialInterval(Duration.ofSeconds(2))
              .setMaximumInterval(Duration.ofMinutes(1))
              .build())
          .build());

  @Override
  public void sweep(SweepCursor from) {
    SweepCursor cursor = from == null ? SweepCursor.START : from;
    for (int i = 0; i < SWEEPS_PER_RUN; i++) {
      SweeperSettings settings = activities.settings();
      cursor = activities.sweep(cursor, settings.batchSize()).next();
      Workflow.sleep(settings.interval());
    }
    Workflow.continueAsNew(cursor);
  }
}
