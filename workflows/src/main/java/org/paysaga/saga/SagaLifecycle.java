package org.paysaga.saga;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What every saga tells the outside world about itself, run as local activities: it registers in
 * the in-flight registry when it starts, parks in the DLQ when recovery gives up, and leaves both
 * when it ends (its idempotency keys then start their 7-day TTL).
 */
@ActivityInterface
public interface SagaLifecycle {

  /** The worker's recovery settings. */
  @ActivityMethod(name = "SagaSettings")
  SagaSettings settings();

  /** Adds the saga to {@code saga:{inflight}} scored by its start time; repeats are harmless. */
  @ActivityMethod(name = "RegisterSaga")
  void register(String workflowId, long startedAtMillis);

  /** Writes (or rewrites) the saga's DLQ entry and takes the parking workflow out of the in-flight registry. */
  @ActivityMethod(name = "ParkSaga")
  void park(DlqEntry entry);

  /**
   * The saga ended: removes it (and its compensation workflow) from the in-flight registry and the
   * DLQ, and starts the TTL of its idempotency keys. Repeats are harmless.
   */
  @ActivityMethod(name = "FinishSaga")
  void finish(String sagaId);
}
