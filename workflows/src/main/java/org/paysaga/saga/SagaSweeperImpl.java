package org.paysaga.saga;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Sweeps forever on a durable timer, continuing as new after {@link #SWEEPS_PER_RUN} rounds so its
 * history stays short. The cursor travels through continue-as-new, so the registry is walked round
 * fairly.
 */
public class SagaSweeperImpl implements SagaSweeper {
  /**
   * Sweep rounds per run before continuing as new. Each round adds 17 events to the history: the
   * {@code SweeperSettings} and {@code SweepInflightSagas} activities (scheduled, started, completed:
   * 3 each), the timer (started, fired: 2) and the workflow task after each of those three results
   * (scheduled, started, completed: 3 each). A run so ends at about 8,500 events (a few more for
   * each workflow task that is retried), below the 10,240 at which Temporal starts warning and far
   * from the 51,200 at which it terminates the workflow, which would leave no sweeper running; and
   * a worker that takes the sweeper over replays no more than that. At the default 5 min interval a
   * run lasts about 42 hours.
   */
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
