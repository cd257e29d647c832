package org.paysaga.sweeper;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lettuce.core.ScoredValue;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.converter.DataConverter;
import io.temporal.failure.TemporalFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.catalog.SagaTypes;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.lifecycle.RedisSagaLifecycle;
import org.paysaga.saga.CompensationOrder;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.saga.SagaCompensation;
import org.paysaga.saga.SagaInput;
import org.paysaga.saga.StepDefinition;
import org.paysaga.saga.SweepCursor;
import org.paysaga.saga.SweepResult;
import org.paysaga.saga.SweeperActivities;
import org.paysaga.saga.SweeperSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds registered sagas that Temporal ended without them finishing (terminated, timed out,
 * failed, cancelled before compensating) and parks them in the DLQ with their steps read from the barrier records. Two
 * sweeps of the same saga write the same entry once (the DLQ write is idempotent). Each sweep first
 * asks visibility for the sagas that closed unfinished since the previous sweep began and
 * examines those still registered, then examines one page of the registry walk with
 * DescribeWorkflowExecution, which the test server (no visibility queries) supports too.
 */
public final class RedisSweeperActivities implements SweeperActivities {
  private static final Logger log = LoggerFactory.getLogger(RedisSweeperActivities.class);

  /**
   * Visibility-named sagas examined per sweep at most, so a sweep after a mass termination stays
   * well inside its activity's 2 min start-to-close timeout; the rest are named again next sweep.
   */
  static final int MAX_CLOSED_PER_SWEEP = 500;

  private final InflightRegistry inflight;
  private final DlqStore dlq;
  private final IdempotencyBarrier barrier;
  private final RedisSagaLifecycle lifecycle;
  private final WorkflowClient client;
  private final SagaCatalog catalog;
  private final SweeperSettings settings;
  private final LongSupplier clock;
  private final ClosedWorkflows closedWorkflows;

  public RedisSweeperActivities(InflightRegistry inflight, DlqStore dlq, IdempotencyBarrier barrier,
      RedisSagaLifecycle lifecycle, WorkflowClient client, SagaCatalog catalog,
      SweeperSettings settings, LongSupplier clock) {
    this.inflight = inflight;
    this.dlq = dlq;
    this.barrier = barrier;
    this.lifecycle = lifecycle;
    this.client = client;
    this.catalog = catalog;
    this.settings = settings;
    this.clock = clock;
    Set<String> types = new TreeSet<>(catalog.all().keySet());
    types.add(SagaCompensation.WORKFLOW_TYPE); // an operator's retry, registered under its own ID
    this.closedWorkflows = new ClosedWorkflows(client.getWorkflowServiceStubs(), client.getOptions().getNamespace(), types);
  }

  @Override
  public SweeperSettings settings() {
    return settings;
  }

  @Override
  public SweepResult sweep(SweepCursor cursor, int batchSize) {
    long began = clock.getAsLong();
    Optional<List<String>> closed = closedWorkflows.since(ClosedSince.of(cursor, settings.interval(), began));
    List<String> named = closed.map(inflight::registered).orElse(List.of());
    List<String> parked = new ArrayList<>();
    List<String> finished = new ArrayList<>();
    named.stream().limit(MAX_CLOSED_PER_SWEEP).forEach(workflowId -> examine(workflowId, parked, finished));
    // The registry page: the safety net for closes visibility has not indexed yet, and the only
    // path on a server without visibility.
    List<ScoredValue<String>> page = inflight.pageAfter(cursor, batchSize);
    page.forEach(registered -> examine(registered.getValue(), parked, finished));
    SweepCursor walked = page.size() < batchSize
        ? SweepCursor.START
        : new SweepCursor((long) page.get(page.size() - 1).getScore(), page.get(page.size() - 1).getValue(), 0);
    // Unanswered or cut short, the next sweep asks again from the same moment.
    boolean heardOut = closed.isPresent() && named.size() <= MAX_CLOSED_PER_SWEEP;
    SweepCursor next = walked.withClosedSince(heardOut ? began : cursor.closedSince());
    if (!parked.isEmpty()) {
      log.warn("sweeper parked {} saga(s) that Temporal ended unfinished: {}", parked.size(), parked);
    }
    return new SweepResult(page.size(), parked, finished, next, Math.min(named.size(), MAX_CLOSED_PER_SWEEP));
  }

  private void examine(String workflowId, List<String> parked, List<String> finished) {
    switch (examine(workflowId)) {
      case PARKED -> parked.add(workflowId);
      case FINISHED -> finished.add(workflowId);
      case OPEN -> { }
    }
  }

  private enum Verdict { OPEN, FINISHED, PARKED }

  /**
   * One registered workflow: a saga, or the compensation workflow an operator's retry started for
   * one (registered under its own ID, so what runs is what is watched).
   */
  private Verdict examine(String workflowId) {
    String sagaId = SagaCompensation.isWorkflowId(workflowId) ? SagaCompensation.sagaIdOf(workflowId) : workflowId;
    WorkflowExecutionDescription description;
    try {
      description = client.newUntypedWorkflowStub(workflowId).describe();
    } catch (WorkflowNotFoundException e) {
      return park(sagaId, workflowId, null, "workflow not found in Temporal (retention passed or never started)");
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return park(sagaId, workflowId, null, "workflow not found in Temporal (retention passed or never started)");
      }
      throw e;
    }
    WorkflowExecutionStatus status = description.getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return Verdict.OPEN;
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      lifecycle.finish(sagaId);
      return Verdict.FINISHED;
    }
    return park(sagaId, workflowId, description, "workflow " + closeStatus(status));
  }

  /** What the sweeper knows of a saga from the workflow's history: its type and its input. */
  private record Subject(String sagaType, SagaInput input) {}

  private Verdict park(String sagaId, String workflowId, WorkflowExecutionDescription description, String reason) {
    String workflowType = description == null ? null : description.getWorkflowType();
    // A compensation workflow's saga type is in its order, in the history; a saga's is its workflow
    // type, so its history is read only when it is parked.
    History history = SagaCompensation.WORKFLOW_TYPE.equals(workflowType)
        ? client.fetchHistory(workflowId).getHistory() : null;
    String sagaType = history == null ? workflowType : subject(history, workflowType).sagaType();
    List<StepDefinition> steps = sagaType == null ? null : catalog.steps(sagaType).orElse(null);
    // Seal before judging: a forward attempt still on its way can no longer land after the
    // records were read, so "nothing left to undo" stays true.
    Map<String, String> records = steps == null
        ? barrier.records(sagaId)
        : barrier.seal(sagaId, SagaStepsFromBarrier.compensable(steps));
    if (steps != null && (SagaStepsFromBarrier.allForwardDone(steps, records)
        || !SagaStepsFromBarrier.outstanding(steps, records))) {
      // Every step took effect, or nothing did that is not undone: there is nothing to repair.
      lifecycle.finish(sagaId);
      return Verdict.FINISHED;
    }
    if (history == null && description != null) {
      history = client.fetchHistory(workflowId).getHistory();
    }
    SagaInput input = history == null ? null : subject(history, workflowType).input();
    reason = history == null ? reason : reason + closeDetail(history);
    long now = clock.getAsLong();
    DlqEntry entry = new DlqEntry(sagaId, workflowId,
        description == null ? null : description.getExecution().getRunId(),
        sagaType, input == null ? sagaId : input.businessKey(), input == null ? Map.of() : input.description(),
        reason, List.of(reason),
        steps == null ? List.of() : SagaStepsFromBarrier.steps(steps, records),
        description == null || description.getCloseTime() == null ? now : description.getCloseTime().toEpochMilli(),
        now, 0, DlqEntry.SOURCE_SWEEPER, input);
    lifecycle.park(entry);
    return Verdict.PARKED;
  }

  /**
   * Why Temporal closed it, from the last event: the terminate reason or the failure message (read
   * through the data converter: encrypted failure attributes hide it otherwise).
   */
  private String closeDetail(History history) {
    HistoryEvent last = history.getEvents(history.getEventsCount() - 1);
    String detail = "";
    if (last.hasWorkflowExecutionTerminatedEventAttributes()) {
      detail = last.getWorkflowExecutionTerminatedEventAttributes().getReason();
    } else if (last.hasWorkflowExecutionFailedEventAttributes()) {
      RuntimeException failure = client.getOptions().getDataConverter()
          .failureToException(last.getWorkflowExecutionFailedEventAttributes().getFailure());
      detail = failure instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : failure.getMessage();
    }
    return detail.isBlank() ? "" : ": " + detail;
  }

  /**
   * The saga's type and input, from the first event of the history, as its type's record: its
   * compensations need it, and it describes the saga in the DLQ exactly as the saga itself would.
   * A compensation workflow's input is its order, which names the saga's type and input.
   */
  private Subject subject(History history, String workflowType) {
    HistoryEvent first = history.getEvents(0);
    if (!first.hasWorkflowExecutionStartedEventAttributes()
        || !first.getWorkflowExecutionStartedEventAttributes().hasInput()) {
      return new Subject(workflowType, null);
    }
    Optional<Payloads> payloads = Optional.of(first.getWorkflowExecutionStartedEventAttributes().getInput());
    DataConverter converter = client.getOptions().getDataConverter();
    String sagaType = workflowType;
    if (SagaCompensation.WORKFLOW_TYPE.equals(workflowType)) {
      CompensationOrder order = converter.fromPayloads(0, payloads, CompensationOrder.class, CompensationOrder.class);
      sagaType = order.sagaType();
      payloads = converter.toPayloads(order.input());
    }
    Optional<Class<? extends SagaInput>> type = SagaTypes.inputType(sagaType);
    return new Subject(sagaType, type.isEmpty() ? null
        : converter.fromPayloads(0, payloads, type.get(), type.get()));
  }

  private static String closeStatus(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
  }
}
