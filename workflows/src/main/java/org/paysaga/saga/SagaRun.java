package org.paysaga.saga;

import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one saga inside a workflow: forward steps in order, compensations through
 * {@link io.temporal.workflow.Saga} in reverse order, and the bookkeeping (status, attempts, last
 * error, metrics) that the {@code state} query reports. Written once for every saga type: a saga
 * type declares its {@link StepDefinition}s and calls {@link #step} / {@link #forwardOnly}.
 *
 * <p>Workflow code only: it uses workflow time and cancellation scopes.
 */
public final class SagaRun {
  private final String sagaType;
  private final String sagaId;
  private final Map<String, StepState> steps = new LinkedHashMap<>();
  private final SagaMetrics metrics;
  // Each compensation wrapper records its own outcome and never throws, so every registered
  // compensation runs, and a second compensate() re-runs only the ones not yet done.
  private final Saga saga =
      new Saga(new Saga.Options.Builder().setParallelCompensation(false).setContinueWithError(true).build());
  private final long startedAt;

  private String businessKey;
  private SagaStatus status = SagaStatus.RUNNING;
  private String failure;
  private String note;
  private long updatedAt;

  public SagaRun(String sagaType, List<StepDefinition> definitions) {
    this.sagaType = sagaType;
    this.sagaId = Workflow.getInfo().getWorkflowId();
    this.metrics = new SagaMetrics(sagaType);
    this.startedAt = Workflow.currentTimeMillis();
    this.updatedAt = startedAt;
    for (StepDefinition definition : definitions) {
      steps.put(definition.step(), StepState.pending(definition.step(), definition.compensation()));
    }
  }

  /** Names the saga the way users know it (the payment number). */
  public void identify(String key) {
    this.businessKey = key;
  }

  /**
   * Runs a forward step whose effect can be undone. The compensation is registered before the
   * forward call: a forward action with an unknown outcome (a timeout) must still be undone.
   *
   * @throws TemporalFailure when the forward action failed for good; call {@link #compensate}
   */
  public StepReceipt step(String name, Functions.Func<StepReceipt> forward, Functions.Func<StepReceipt> compensation) {
    StepState state = require(name);
    if (!state.hasCompensation()) {
      throw new IllegalStateException(name + " has no compensation: run it with forwardOnly");
    }
    saga.addCompensation(() -> compensateStep(name, compensation));
    put(state.withCompensation(StepStatus.PENDING, 0, null));
    return runForward(name, forward);
  }

  /**
   * Runs a step past the pivot: it has no compensation, so once it starts the saga only goes
   * forward, and a cancellation request no longer stops it.
   */
  public StepReceipt forwardOnly(String name, Functions.Func<StepReceipt> forward) {
    require(name);
    List<StepReceipt> receipt = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> receipt.add(runForward(name, forward))).run();
    return receipt.get(0);
  }

  /** Every step succeeded. */
  public SagaState complete() {
    return end(SagaStatus.COMPLETED);
  }

  /**
   * Undoes the steps already started, in reverse order, in a detached cancellation scope so a
   * cancelled saga still compensates. Ends {@code COMPENSATED} when every compensation succeeded.
   */
  public SagaState compensate(Throwable cause) {
    recordFailure(cause);
    setStatus(SagaStatus.COMPENSATING);
    Workflow.newDetachedCancellationScope(saga::compensate).run();
    return end(allCompensated() ? SagaStatus.COMPENSATED : SagaStatus.FAILED);
  }

  /** The saga could not run or finish (a bad request, a forward-only step that gave up). */
  public SagaState fail(Throwable cause) {
    recordFailure(cause);
    return end(SagaStatus.FAILED);
  }

  /** A bad request: the saga ends {@code FAILED} before any step runs. */
  public SagaState reject(String reason) {
    if (failure == null) {
      failure = reason;
    }
    return end(SagaStatus.FAILED);
  }

  public SagaState state() {
    return new SagaState(sagaId, sagaType, businessKey, status, List.copyOf(steps.values()),
        failure, note, startedAt, updatedAt);
  }

  private StepReceipt runForward(String name, Functions.Func<StepReceipt> forward) {
    put(require(name).withForward(StepStatus.RUNNING, 0, null));
    long began = Workflow.currentTimeMillis();
    try {
      StepReceipt receipt = forward.apply();
      put(require(name).withForward(StepStatus.SUCCEEDED, receipt.attempt(), null));
      metrics.stepEnded(name, true, Workflow.currentTimeMillis() - began);
      return receipt;
    } catch (TemporalFailure e) {
      int attempts = SagaFailures.attempts(e, SagaActivityOptions.MAXIMUM_ATTEMPTS);
      put(require(name).withForward(StepStatus.FAILED, attempts, SagaFailures.describe(e)));
      metrics.stepEnded(name, false, Workflow.currentTimeMillis() - began);
      throw e;
    }
  }

  private void compensateStep(String name, Functions.Func<StepReceipt> compensation) {
    StepState state = require(name);
    if (state.compensationStatus() == StepStatus.SUCCEEDED) {
      return;
    }
    put(state.withCompensation(StepStatus.RUNNING, state.compensationAttempts(), null));
    try {
      StepReceipt receipt = compensation.apply();
      put(require(name).withCompensation(StepStatus.SUCCEEDED, receipt.attempt(), null));
      metrics.compensationEnded(name, true, receipt.attempt());
    } catch (TemporalFailure e) {
      int attempts = SagaFailures.attempts(e, SagaActivityOptions.MAXIMUM_ATTEMPTS);
      put(require(name).withCompensation(StepStatus.FAILED, attempts, SagaFailures.describe(e)));
      metrics.compensationEnded(name, false, attempts);
    }
  }

  private boolean allCompensated() {
    return steps.values().stream()
        .filter(s -> s.compensationStatus() != StepStatus.NOT_REQUIRED)
        .allMatch(s -> s.compensationStatus() == StepStatus.SUCCEEDED);
  }

  private void recordFailure(Throwable cause) {
    if (failure == null) {
      failure = SagaFailures.describe(cause);
    }
  }

  private SagaState end(SagaStatus terminal) {
    setStatus(terminal);
    metrics.sagaEnded(terminal, updatedAt - startedAt);
    return state();
  }

  private void setStatus(SagaStatus next) {
    status = next;
    updatedAt = Workflow.currentTimeMillis();
  }

  private StepState require(String name) {
    StepState state = steps.get(name);
    if (state == null) {
      throw new IllegalArgumentException(sagaType + " declares no step " + name);
    }
    return state;
  }

  private void put(StepState state) {
    steps.put(state.step(), state);
  }
}
