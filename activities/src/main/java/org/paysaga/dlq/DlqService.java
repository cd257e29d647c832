package org.paysaga.dlq;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.saga.CompensationOrder;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.saga.SagaCompensation;
import org.paysaga.saga.SagaWorkflow;
import org.paysaga.saga.StepDefinition;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/**
 * Working the dead-letter queue, for the CLI and the worker's metrics: list, show, size, retry,
 * resolve and remove. A saga that parked itself still waits for a signal; a saga the sweeper
 * parked runs no more code, so its retry starts the generic compensation workflow.
 */
public final class DlqService {
  private final DlqStore store;
  private final IdempotencyBarrier barrier;
  private final WorkflowClient client;
  private final String taskQueue;
  private final SagaCatalog catalog;
  private final Duration idempotencyTtl;
  private final LongSupplier clock;

  public DlqService(DlqStore store, IdempotencyBarrier barrier, WorkflowClient client,
      String taskQueue, SagaCatalog catalog, Duration idempotencyTtl, LongSupplier clock) {
    this.store = store;
    this.barrier = barrier;
    this.client = client;
    this.taskQueue = taskQueue;
    this.catalog = catalog;
    this.idempotencyTtl = idempotencyTtl;
    this.clock = clock;
  }

  /** Entries newest first. */
  public List<DlqEntry> list(int offset, int limit) {
    return store.list(offset, limit);
  }

  public DlqEntry show(String sagaId) {
    return store.get(sagaId).orElseThrow(() -> new DlqEntryNotFoundException(sagaId));
  }

  public long size() {
    return store.size();
  }

  /** True when the workflow that parked the entry still runs and waits for an operator. */
  public boolean waiting(DlqEntry entry) {
    return entry.sagaWaiting() && running(entry.workflowId());
  }

  /** Runs the entry's outstanding work again. */
  public RetryOutcome retry(String sagaId) {
    DlqEntry entry = show(sagaId);
    if (waiting(entry)) {
      client.newUntypedWorkflowStub(entry.workflowId()).signal(SagaWorkflow.RETRY_SIGNAL);
      return new RetryOutcome(true, entry.workflowId(), null);
    }
    if (entry.sagaType() == null || entry.input() == null) {
      // Parked as "workflow not found": nothing says which steps ran or with what input.
      throw new IllegalStateException("saga " + sagaId + " cannot be retried: Temporal no longer knows its workflow ("
          + entry.reason() + "), so neither its steps nor its input can be read back. Check the payment by hand, then"
          + " close the entry with saga dlq resolve " + sagaId + " --note '<what was done>', or delete it with"
          + " saga dlq remove " + sagaId);
    }
    List<StepDefinition> outstanding = outstandingCompensations(entry);
    String workflowId = SagaCompensation.workflowIdFor(sagaId);
    WorkflowStub stub = client.newUntypedWorkflowStub(SagaCompensation.WORKFLOW_TYPE,
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId)
            .setTaskQueue(taskQueue)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build());
    try {
      WorkflowExecution execution = stub.start(new CompensationOrder(
          sagaId, entry.sagaType(), entry.businessKey(), outstanding, entry.input()));
      return new RetryOutcome(false, workflowId, execution.getRunId());
    } catch (WorkflowExecutionAlreadyStarted e) {
      // A retry is running already: it owns the outstanding work.
      return new RetryOutcome(false, workflowId, e.getExecution().getRunId());
    }
  }

  /** Closes the entry by hand: the saga ends {@code RESOLVED} with the note. */
  public void resolve(String sagaId, String note) {
    if (note == null || note.isBlank()) {
      throw new IllegalArgumentException("note: is required (say what was done by hand)");
    }
    DlqEntry entry = show(sagaId);
    if (waiting(entry)) {
      client.newUntypedWorkflowStub(entry.workflowId()).signal(SagaWorkflow.RESOLVE_SIGNAL, note);
      return;
    }
    // Nothing runs for this saga any more: keep the note in Redis, close the entry here.
    store.resolution(sagaId, note, clock.getAsLong());
    store.remove(sagaId);
    barrier.expire(sagaId, idempotencyTtl);
  }

  /**
   * Deletes the entry without touching the saga; refused while the saga still waits for an
   * operator (its entry would come back, and nobody could find it meanwhile) unless forced.
   */
  public void remove(String sagaId, boolean force) {
    DlqEntry entry = show(sagaId);
    if (!force && waiting(entry)) {
      throw new IllegalStateException("saga " + sagaId + " still waits in the DLQ for retry or resolve;"
          + " remove it only with --force (the saga keeps waiting)");
    }
    store.remove(sagaId);
  }

  /** Steps whose compensation did not succeed, in the order to run them (reverse step order). */
  List<StepDefinition> outstandingCompensations(DlqEntry entry) {
    List<StepDefinition> definitions = catalog.steps(entry.sagaType()).orElseThrow(() ->
        new IllegalStateException("saga type " + entry.sagaType() + " of " + entry.sagaId()
            + " is unknown to this build: it cannot be compensated from here"));
    Map<String, StepState> byStep = new HashMap<>();
    entry.steps().forEach(step -> byStep.put(step.step(), step));
    boolean pastPivot = definitions.stream().filter(d -> d.compensation() != null)
        .allMatch(d -> byStep.containsKey(d.step()) && byStep.get(d.step()).status() == StepStatus.SUCCEEDED);
    if (pastPivot && !entry.steps().isEmpty()) {
      throw new IllegalStateException("saga " + entry.sagaId() + " is past its pivot: its remaining"
          + " forward steps must be completed, not compensated; finish them by hand and resolve it");
    }
    List<StepDefinition> outstanding = new ArrayList<>();
    for (int i = definitions.size() - 1; i >= 0; i--) {
      StepDefinition definition = definitions.get(i);
      StepState state = byStep.get(definition.step());
      boolean done = state != null && (state.compensationStatus() == StepStatus.SUCCEEDED
          || state.compensationStatus() == StepStatus.NOT_REQUIRED);
      if (definition.compensation() != null && !done) {
        outstanding.add(definition);
      }
    }
    return outstanding;
  }

  private boolean running(String workflowId) {
    try {
      return client.newUntypedWorkflowStub(workflowId).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
