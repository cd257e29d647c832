package org.paysaga.dlq;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.saga.CompensationOrder;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.saga.SagaCompensation;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
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
  /** Longest an operator action holds a saga: a crashed CLI cannot hold it for good. */
  private static final Duration OPERATOR_LOCK = Duration.ofSeconds(60);
  /** How long an action waits for the saga to act on its signal. */
  private static final Duration SIGNAL_TAKEN = Duration.ofSeconds(30);

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

  /**
   * Runs the entry's outstanding work again: signals a saga that waits in the DLQ, or starts the
   * compensation workflow of a saga Temporal ended. One operator action on a saga at a time; one
   * that no longer fits what the saga is doing is refused, saying why.
   */
  public RetryOutcome retry(String sagaId) {
    return exclusively(sagaId, () -> {
      DlqEntry entry = current(sagaId, "retried");
      if (entry.sagaWaiting()) {
        // The saga parked itself: only it runs its compensations, never a second workflow.
        requireWaiting(entry, "retried");
        client.newUntypedWorkflowStub(entry.workflowId()).signal(SagaWorkflow.RETRY_SIGNAL);
        awaitTaken(entry.workflowId(), state -> state.status() != SagaStatus.DLQ);
        return new RetryOutcome(true, entry.workflowId(), null);
      }
      if (entry.sagaType() == null || (entry.input() == null && entry.inputPayload() == null)) {
        // Parked as "workflow not found": nothing says which steps ran or with what input.
        throw new IllegalStateException("saga " + sagaId + " cannot be retried: Temporal no longer knows its"
            + " workflow (" + entry.reason() + "), so neither its steps nor its input can be read back. Check the"
            + " payment by hand, then close the entry with saga dlq resolve " + sagaId + " --note '<what was done>',"
            + " or delete it with saga dlq remove " + sagaId);
      }
      String workflowId = SagaCompensation.workflowIdFor(sagaId);
      if (running(workflowId)) {
        throw new IllegalStateException("saga " + sagaId + " is being compensated already by " + workflowId
            + ": follow it with saga status " + sagaId);
      }
      List<StepDefinition> outstanding = outstandingCompensations(entry);
      // The real input, card token included, only here: decoded with this client's converter.
      Object input = DlqStore.retryInput(entry, client.getOptions().getDataConverter());
      WorkflowStub stub = client.newUntypedWorkflowStub(SagaCompensation.WORKFLOW_TYPE,
          WorkflowOptions.newBuilder()
              .setWorkflowId(workflowId)
              .setTaskQueue(taskQueue)
              .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
              .build());
      WorkflowExecution execution = stub.start(new CompensationOrder(
          sagaId, entry.sagaType(), entry.businessKey(), outstanding, input, entry.attributes()));
      return new RetryOutcome(false, workflowId, execution.getRunId());
    });
  }

  /** Closes the entry by hand: the saga ends {@code RESOLVED} with the note. */
  public void resolve(String sagaId, String note) {
    if (note == null || note.isBlank()) {
      throw new IllegalArgumentException("note: is required (say what was done by hand)");
    }
    exclusively(sagaId, () -> {
      DlqEntry entry = current(sagaId, "resolved");
      if (entry.sagaWaiting()) {
        requireWaiting(entry, "resolved");
        client.newUntypedWorkflowStub(entry.workflowId()).signal(SagaWorkflow.RESOLVE_SIGNAL, note);
        awaitTaken(entry.workflowId(), state -> state.status() == SagaStatus.RESOLVED);
        return null;
      }
      String compensation = SagaCompensation.workflowIdFor(sagaId);
      if (running(compensation)) {
        throw new IllegalStateException("saga " + sagaId + " cannot be resolved now: " + compensation + " compensates"
            + " it; wait for its outcome (saga status " + sagaId + ")");
      }
      // Nothing runs for this saga any more: keep the note in Redis, close the entry here.
      store.resolution(sagaId, note, clock.getAsLong());
      store.remove(sagaId);
      barrier.expire(sagaId, idempotencyTtl);
      return null;
    });
  }

  /**
   * Deletes the entry without touching the saga; refused while the saga still waits for an
   * operator (its entry would come back, and nobody could find it meanwhile) unless forced.
   */
  public void remove(String sagaId, boolean force) {
    exclusively(sagaId, () -> {
      DlqEntry entry = show(sagaId);
      if (!force && waiting(entry)) {
        throw new IllegalStateException("saga " + sagaId + " still waits in the DLQ for retry or resolve;"
            + " remove it only with --force (the saga keeps waiting)");
      }
      store.remove(sagaId);
      return null;
    });
  }

  /** Runs one operator action on the saga while no other runs; refuses it when one does. */
  private <T> T exclusively(String sagaId, Supplier<T> action) {
    String token = UUID.randomUUID().toString();
    if (!store.lock(sagaId, token, OPERATOR_LOCK)) {
      throw new IllegalStateException("another operator action on saga " + sagaId + " is under way; look again in a"
          + " moment: saga dlq show " + sagaId);
    }
    try {
      return action.get();
    } finally {
      store.unlock(sagaId, token);
    }
  }

  /** The entry as it is now; a saga resolved by hand meanwhile is refused, not "not found". */
  private DlqEntry current(String sagaId, String action) {
    Optional<DlqEntry> entry = store.get(sagaId);
    if (entry.isPresent()) {
      return entry.get();
    }
    Optional<String> note = store.resolutionNote(sagaId);
    if (note.isPresent()) {
      throw new IllegalStateException("saga " + sagaId + " cannot be " + action + ": an operator resolved it ("
          + note.get() + ")");
    }
    throw new DlqEntryNotFoundException(sagaId);
  }

  /** A saga that parked itself must still wait in the DLQ: a retry or resolve may have moved it on. */
  private void requireWaiting(DlqEntry entry, String action) {
    // Only a running saga answers DLQ: a closed one reads as its terminal status.
    SagaState state = new SagaReader(client).read(entry.workflowId());
    if (state.status() != SagaStatus.DLQ) {
      throw new IllegalStateException("saga " + entry.sagaId() + " cannot be " + action + ": it no longer waits in the"
          + " DLQ (it is " + state.status() + "); follow it with saga status " + entry.sagaId());
    }
  }

  /**
   * Holds the lock until the saga has acted on the signal, so that the next operator action sees
   * what this one did; a saga no worker runs keeps the signal for when one does.
   */
  private void awaitTaken(String workflowId, Predicate<SagaState> taken) {
    long deadline = System.nanoTime() + SIGNAL_TAKEN.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        if (taken.test(new SagaReader(client).read(workflowId))) {
          return;
        }
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        return; // no worker answers the query: the signal waits for one
      }
    }
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
