package org.paysaga.saga;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** The sweeper's work: find sagas Temporal gave up on and move them into the DLQ. */
@ActivityInterface
public interface SweeperActivities {

  /**
   * Looks at the registered sagas that visibility names closed unfinished since the sweep that
   * {@code cursor} came from began (where the server has visibility queries), then at up to
   * {@code batchSize} registered sagas after {@code cursor} with DescribeWorkflowExecution. Each one that is closed but unfinished (terminated, timed out,
   * failed or cancelled with compensations outstanding, per its barrier records) gets a DLQ entry
   * ({@link DlqEntry#SOURCE_SWEEPER}) and leaves the registry; one closed with nothing outstanding
   * just leaves the registry. Safe to run twice at once: the DLQ write is idempotent.
   */
  @ActivityMethod(name = "SweepInflightSagas")
  SweepResult sweep(SweepCursor cursor, int batchSize);

  /** The worker's sweeper settings (interval, batch size). */
  @ActivityMethod(name = "SweeperSettings")
  SweeperSettings settings();
}
