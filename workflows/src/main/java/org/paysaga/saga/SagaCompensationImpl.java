package org.paysaga.saga;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generic compensation workflow: calls each outstanding compensation by its activity type
 * with the saga's original input, in the order given, through the same {@link SagaRun} (so the
 * same retries, recovery, DLQ and metrics apply). The activities key their barrier on the saga's
 * ID from the input, so a compensation that already ran is not repeated.
 */
public class SagaCompensationImpl extends SagaWorkflowSupport implements SagaCompensation {
  static final String WORKER_STEP_TIMEOUTS = "compensation-worker-step-timeouts";
  static final String SAGA_DESCRIPTION = "compensation-saga-description";
  private SagaRun run;

  @Override
  protected SagaRun run() {
    return run;
  }

  @Override
  public SagaState compensate(CompensationOrder order) {
    List<StepDefinition> steps = order.compensations();
    run = new SagaRun(order.sagaType(), order.sagaId(), steps);
    run.start(order.businessKey(), description(order), order.input());
    // The worker's step timeouts, not those of whoever wrote the order: untyped stubs do not get
    // the worker's per-type activity options. Runs started before this took the order's.
    Map<String, Duration> timeouts = Workflow.getVersion(WORKER_STEP_TIMEOUTS, Workflow.DEFAULT_VERSION, 1) >= 1
        ? run.workerSettings().stepTimeouts() : Map.of();
    // Saga runs compensations in reverse order of registration; the order lists them as to run.
    for (int i = steps.size() - 1; i >= 0; i--) {
      StepDefinition step = steps.get(i);
      ActivityStub stub = Workflow.newUntypedActivityStub(ActivityOptions.newBuilder(
              SagaActivityOptions.base(List.of()))
          .setStartToCloseTimeout(timeouts.getOrDefault(step.step(), step.startToClose()))
          .build());
      run.registerCompensation(step.step(),
          () -> stub.execute(step.compensation(), StepReceipt.class, order.input()));
    }
    return run.compensate("operator retry of a saga Temporal gave up on");
  }

  /**
   * The saga's own description (merchant, amount...) and which saga this retries: a DLQ entry it
   * writes describes the payment as the saga's would. Runs started before this wrote only retryOf.
   */
  private static Map<String, String> description(CompensationOrder order) {
    Map<String, String> retryOf = Map.of("retryOf", order.sagaId());
    if (order.description() == null || Workflow.getVersion(SAGA_DESCRIPTION, Workflow.DEFAULT_VERSION, 1) < 1) {
      return retryOf;
    }
    Map<String, String> description = new LinkedHashMap<>(order.description());
    description.putAll(retryOf);
    return description;
  }

}
