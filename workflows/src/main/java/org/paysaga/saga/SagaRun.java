package org.paysaga.saga;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.api.enums.v1.RetryState;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Functions;
import io.temporal.workflow.Saga;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one saga inside a workflow: forward steps in order, compensations through
 * {@link io.temporal.workflow.Saga} in reverse order, durable recovery when a compensation (or a
 * step past the pivot) gives up, the dead-letter queue when recovery gives up, and the bookkeeping
 * (status, attempts, errors, metrics, in-flight registry) that the {@code state} query and the
 * operators see. Written once for every saga type: a type declares its {@link StepDefinition}s and
 * calls {@link #step} / {@link #forwardOnly}.
 *
 * <p>Workflow code only: it uses workflow time, durable timers and cancellation scopes.
 */
public final class SagaRun {
  /** Change ID: an operator's retry takes the saga out of the DLQ status while it runs. */
  static final String OPERATOR_RETRY_STATUS = "operator-retry-status";
  static final String DO_NOT_RETRY_REFUSALS = "do-not-retry-refusals";
  private static final LocalActivityOptions LIFECYCLE_OPTIONS = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(10))
      // Redis being away must delay the saga, not fail it: retry until it answers. Not with
      // maximumAttempts 0 ("unlimited"): the SDK treats a local activity with neither a
      // schedule-to-close timeout nor a positive maximum as having no retry policy and fails the
      // workflow on the first error (found by the chaos run: one saga FAILED on a Redis restart).
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofSeconds(30))
          .setMaximumAttempts(Integer.MAX_VALUE)
          .build())
      .build();

  private final String sagaType;
  private final String sagaId;
  private final Map<String, StepState> steps = new LinkedHashMap<>();
  private final SagaMetrics metrics;
  private final SagaLifecycle lifecycle =
      Workflow.newLocalActivityStub(SagaLifecycle.class, LIFECYCLE_OPTIONS);
  // Each compensation wrapper records its own outcome and never throws, so every registered
  // compensation runs, and a later compensate() re-runs only the ones not yet done.
  private final Saga saga =
      new Saga(new Saga.Options.Builder().setParallelCompensation(false).setContinueWithError(true).build());
  private final List<String> failureChain = new ArrayList<>();
  private final long startedAt;

  private String businessKey;
  private Map<String, String> attributes = Map.of();
  private Object input;
  private SagaStatus status = SagaStatus.RUNNING;
  private String note;
  private long updatedAt;
  private long firstFailureAt;
  private int operatorRetries;
  private boolean retryRequested;
  private String resolution;
  /** A step past the pivot that gave up: recovery runs it again instead of compensating. */
  private PendingForward pendingForward;
  /** True once compensation began: recovery then ends COMPENSATED, not COMPLETED. */
  private boolean compensating;
  /** The outstanding work failed non-retryably: waiting for a timer cannot help. */
  private boolean outstandingNonRetryable;
  /** The search attributes; made when the saga starts (or is rejected), where its version marker goes. */
  private SagaVisibility visibility;

  private record PendingForward(String step, Functions.Func<StepReceipt> action) {}

  public SagaRun(String sagaType, String sagaId, List<StepDefinition> definitions) {
    this.sagaType = sagaType;
    this.sagaId = sagaId;
    this.metrics = new SagaMetrics(sagaType);
    this.startedAt = Workflow.currentTimeMillis();
    this.updatedAt = startedAt;
    for (StepDefinition definition : definitions) {
      steps.put(definition.step(), StepState.pending(definition.step(), definition.compensation()));
    }
  }

  /** A saga of the running workflow's own ID. */
  public SagaRun(String sagaType, List<StepDefinition> definitions) {
    this(sagaType, Workflow.getInfo().getWorkflowId(), definitions);
  }

  /**
   * Starts the saga: names it the way users know it, keeps what an operator needs to see in the
   * DLQ, and registers it in the in-flight registry (the sweeper's list of sagas to watch).
   */
  public void start(SagaInput sagaInput) {
    start(sagaInput.businessKey(), sagaInput.description(), sagaInput);
  }

  /** {@link #start(SagaInput)} with the description given, for workflows that act for a saga (its compensation). */
  public void start(String key, Map<String, String> description, Object sagaInput) {
    this.businessKey = key;
    this.attributes = Map.copyOf(description);
    this.input = sagaInput;
    visibility = new SagaVisibility();
    visibility.started(sagaType, key, attributes.get("merchantId"), status);
    // Under this workflow's own ID: the sweeper watches what runs, a saga or its compensation.
    lifecycle.register(Workflow.getInfo().getWorkflowId(), startedAt);
  }

  /**
   * Runs a forward step whose effect can be undone. The compensation is registered before the
   * forward call: a forward action with an unknown outcome (a timeout) must still be undone.
   *
   * @throws TemporalFailure when the forward action failed for good; call {@link #compensate}
   */
  public StepReceipt step(String name, Functions.Func<StepReceipt> forward, Functions.Func<StepReceipt> compensation) {
    registerCompensation(name, compensation);
    return runForward(name, forward);
  }

  /**
   * Registers the compensation of a step whose forward action ran in an earlier workflow (the
   * compensation workflow for sagas Temporal gave up on).
   */
  public void registerCompensation(String name, Functions.Func<StepReceipt> compensation) {
    StepState state = require(name);
    if (!state.hasCompensation()) {
      throw new IllegalStateException(name + " has no compensation: run it with forwardOnly");
    }
    saga.addCompensation(() -> compensateStep(name, compensation));
    put(state.withCompensation(StepStatus.PENDING, 0, null));
  }

  /**
   * Runs a step past the pivot: it has no compensation, so once it starts the saga only goes
   * forward, and a cancellation request no longer stops it. When it gives up the saga recovers
   * (runs it again on a timer) and finally parks in the DLQ.
   */
  public SagaState forwardOnly(String name, Functions.Func<StepReceipt> forward) {
    require(name);
    return detached(() -> {
      try {
        runForward(name, forward);
        return finish(SagaStatus.COMPLETED);
      } catch (TemporalFailure e) {
        recordFailure(e);
        pendingForward = new PendingForward(name, forward);
        outstandingNonRetryable = isNonRetryable(e);
        return recover();
      }
    });
  }

  /**
   * Undoes the steps already started, in reverse order, in a detached cancellation scope so a
   * cancelled saga still compensates. Ends {@code COMPENSATED} when every compensation succeeded;
   * otherwise recovers and, if that gives up, parks in the DLQ.
   */
  public SagaState compensate(Throwable cause) {
    recordFailure(cause);
    return compensate();
  }

  /** Compensates for a reason that is not a failure of this run (an operator's retry). */
  public SagaState compensate(String reason) {
    recordFailure(reason);
    return compensate();
  }

  /** A bad request: the saga ends {@code FAILED} before any step runs. */
  public SagaState reject(String reason) {
    recordFailure(reason);
    visibility = new SagaVisibility();
    visibility.started(sagaType, null, null, SagaStatus.FAILED);
    return end(SagaStatus.FAILED);
  }

  /** The worker's settings (a local activity: recorded, so replay reads the same). */
  public SagaSettings workerSettings() {
    return lifecycle.settings();
  }

  /** Signal: run the outstanding work now (in the DLQ, or to cut a recovery wait short). */
  public void requestRetry() {
    if (status == SagaStatus.DLQ || status == SagaStatus.RECOVERING) {
      retryRequested = true;
    }
  }

  /** Signal: an operator closed the saga by hand. Only a saga parked in the DLQ takes it. */
  public void resolve(String operatorNote) {
    if (status == SagaStatus.DLQ) {
      resolution = operatorNote == null || operatorNote.isBlank() ? "resolved by an operator" : operatorNote;
    }
  }

  public SagaState state() {
    return new SagaState(sagaId, sagaType, businessKey, status, List.copyOf(steps.values()),
        failureChain.isEmpty() ? null : failureChain.get(0), note, startedAt, updatedAt);
  }

  private SagaState compensate() {
    return detached(() -> {
      setStatus(SagaStatus.COMPENSATING);
      compensating = true;
      saga.compensate();
      return outstanding() ? recover() : finish(SagaStatus.COMPENSATED);
    });
  }

  /**
   * Retries the outstanding work every recovery interval (a durable timer) until it succeeds or
   * the give-up window since the first failure has passed; a non-retryable failure does not wait.
   */
  private SagaState recover() {
    setStatus(SagaStatus.RECOVERING);
    firstFailureAt = updatedAt;
    SagaSettings settings = lifecycle.settings();
    long giveUpAt = firstFailureAt + settings.giveUpAfter().toMillis();
    while (outstanding() && !outstandingNonRetryable) {
      long left = giveUpAt - Workflow.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      Duration wait = Duration.ofMillis(Math.min(settings.recoveryInterval().toMillis(), left));
      Workflow.await(wait, () -> retryRequested);
      retryRequested = false;
      runOutstanding();
    }
    return outstanding() ? parkInDlq() : finish(outcomeOfRecovery());
  }

  /** Waits in the DLQ for an operator: {@code retryCompensation} or {@code resolve(note)}. */
  private SagaState parkInDlq() {
    while (true) {
      setStatus(SagaStatus.DLQ);
      if (operatorRetries == 0) {
        metrics.sagaEnded(SagaStatus.DLQ, updatedAt - startedAt);
      }
      lifecycle.park(dlqEntry());
      Workflow.await(() -> retryRequested || resolution != null);
      if (resolution != null) {
        note = resolution;
        return finish(SagaStatus.RESOLVED);
      }
      retryRequested = false;
      operatorRetries++;
      if (Workflow.getVersion(OPERATOR_RETRY_STATUS, Workflow.DEFAULT_VERSION, 1) >= 1) {
        // Out of the DLQ while the retry runs: a resolve meanwhile is refused, not kept for later.
        setStatus(compensating ? SagaStatus.COMPENSATING : SagaStatus.RUNNING);
      }
      runOutstanding();
      if (!outstanding()) {
        return finish(outcomeOfRecovery());
      }
    }
  }

  private void runOutstanding() {
    outstandingNonRetryable = false;
    if (pendingForward != null) {
      try {
        runForward(pendingForward.step(), pendingForward.action());
        pendingForward = null;
      } catch (TemporalFailure e) {
        recordFailure(e);
        outstandingNonRetryable = isNonRetryable(e);
      }
    } else {
      // Saga re-runs every registered compensation; those already done return at once.
      saga.compensate();
    }
  }

  private SagaStatus outcomeOfRecovery() {
    return compensating ? SagaStatus.COMPENSATED : SagaStatus.COMPLETED;
  }

  private boolean outstanding() {
    return pendingForward != null
        || steps.values().stream().anyMatch(s -> s.compensationStatus() == StepStatus.FAILED);
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
      if (visibility != null) {
        visibility.failedStep(name);
      }
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
      String error = SagaFailures.describe(e);
      put(require(name).withCompensation(StepStatus.FAILED, attempts, error));
      metrics.compensationEnded(name, false, attempts);
      recordFailure(error);
      outstandingNonRetryable = outstandingNonRetryable || isNonRetryable(e);
    }
  }

  /**
   * A failure no retry can fix: flagged non-retryable, or (since {@value #DO_NOT_RETRY_REFUSALS}) a
   * type the retry policy's do-not-retry list names, which Temporal did not retry either
   * ({@code NON_RETRYABLE_FAILURE}) though the activity did not flag it.
   */
  private static boolean isNonRetryable(TemporalFailure failure) {
    if (!(failure instanceof ActivityFailure activity)) {
      return false;
    }
    if (activity.getCause() instanceof ApplicationFailure app && app.isNonRetryable()) {
      return true;
    }
    return activity.getRetryState() == RetryState.RETRY_STATE_NON_RETRYABLE_FAILURE
        && Workflow.getVersion(DO_NOT_RETRY_REFUSALS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  private SagaState finish(SagaStatus terminal) {
    lifecycle.finish(sagaId);
    return end(terminal);
  }

  private SagaState end(SagaStatus terminal) {
    setStatus(terminal);
    metrics.sagaEnded(terminal, updatedAt - startedAt);
    return state();
  }

  private DlqEntry dlqEntry() {
    return new DlqEntry(sagaId, Workflow.getInfo().getWorkflowId(), Workflow.getInfo().getRunId(),
        sagaType, businessKey, attributes, reasonForDlq(), failureChain,
        List.copyOf(steps.values()), firstFailureAt, Workflow.currentTimeMillis(), operatorRetries,
        DlqEntry.SOURCE_RECOVERY, input);
  }

  private String reasonForDlq() {
    String last = failureChain.isEmpty() ? "unknown failure" : failureChain.get(failureChain.size() - 1);
    return (outstandingNonRetryable ? "non-retryable failure: " : "recovery gave up: ") + last;
  }

  private void recordFailure(Throwable cause) {
    recordFailure(SagaFailures.describe(cause));
  }

  private void recordFailure(String description) {
    if (failureChain.isEmpty() || !failureChain.get(failureChain.size() - 1).equals(description)) {
      failureChain.add(description);
    }
  }

  private void setStatus(SagaStatus next) {
    status = next;
    updatedAt = Workflow.currentTimeMillis();
    if (visibility != null) {
      visibility.status(next);
    }
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

  /** Runs saga bookkeeping that a cancellation request must not interrupt. */
  private static SagaState detached(Functions.Func<SagaState> body) {
    List<SagaState> result = new ArrayList<>(1);
    Workflow.newDetachedCancellationScope(() -> result.add(body.apply())).run();
    return result.get(0);
  }
}
