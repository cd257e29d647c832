package org.paysaga.worker.sweeper;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.paysaga.saga.SagaSweeper;
import org.paysaga.saga.SweepCursor;
import org.paysaga.worker.temporal.Backoff;
import org.paysaga.worker.temporal.BackgroundStart;
import org.paysaga.worker.temporal.WorkersStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;

/**
 * Starts the one sweeper workflow (ID {@value SagaSweeper#WORKFLOW_ID}) once this worker's workers poll.
 * Conflict policy USE_EXISTING: when it already runs (another replica or an earlier start) the
 * start returns that run, so however many replicas start it there is one sweeper. Runs in the
 * background and retries while Temporal is unreachable, so it never holds up the app.
 */
public class SweeperStarter extends BackgroundStart implements ApplicationListener<WorkersStartedEvent> {
  private static final Logger log = LoggerFactory.getLogger(SweeperStarter.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final WorkflowClient client;
  private final String taskQueue;
  private final AtomicReference<WorkflowExecution> execution = new AtomicReference<>();

  public SweeperStarter(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** The sweeper's execution once started (or found running), else null. */
  public WorkflowExecution execution() {
    return execution.get();
  }

  @Override
  public void onApplicationEvent(WorkersStartedEvent event) {
    launch("saga-sweeper-starter");
  }

  @Override
  protected void attemptUntilDone() {
    Backoff backoff = new Backoff(Duration.ofMillis(200), MAX_BACKOFF);
    while (isRunning() && execution.get() == null) {
      try {
        WorkflowExecution started = startWorkflow();
        execution.set(started);
        log.info("Sweeper: workflow {} runs (run {}) on task queue {}",
            started.getWorkflowId(), started.getRunId(), taskQueue);
        return;
      } catch (RuntimeException e) {
        log.warn("Sweeper: cannot start workflow {} yet ({}); retrying in {}",
            SagaSweeper.WORKFLOW_ID, e.getMessage(), backoff.next());
      }
      if (!backoff.sleep()) {
        return;
      }
    }
  }

  private WorkflowExecution startWorkflow() {
    SagaSweeper sweeper = client.newWorkflowStub(SagaSweeper.class, WorkflowOptions.newBuilder()
        .setWorkflowId(SagaSweeper.WORKFLOW_ID)
        .setTaskQueue(taskQueue)
        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
        .build());
    return WorkflowClient.start(sweeper::sweep, SweepCursor.START);
  }
}
