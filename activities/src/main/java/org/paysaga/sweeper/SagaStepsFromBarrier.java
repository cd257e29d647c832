package org.paysaga.sweeper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paysaga.saga.StepDefinition;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/**
 * Rebuilds a saga's step states from its barrier records, for a saga that Temporal ended: the
 * records are the truth about what took effect, whatever the workflow got to see.
 */
final class SagaStepsFromBarrier {
  private SagaStepsFromBarrier() {}

  /**
   * A step with a forward record SUCCEEDED; one without may still be in flight, so its status is
   * unknown (RUNNING) and its compensation is owed too: run, it records a null compensation
   * that also stops a late forward. A step with no compensation owes nothing.
   */
  static List<StepState> steps(List<StepDefinition> definitions, Map<String, String> records) {
    List<StepState> steps = new ArrayList<>(definitions.size());
    for (StepDefinition step : definitions) {
      boolean forwardDone = records.containsKey(step.step() + ":f");
      boolean compensated = records.containsKey(step.step() + ":c");
      StepStatus forward = forwardDone ? StepStatus.SUCCEEDED : StepStatus.RUNNING;
      StepStatus compensation;
      if (step.compensation() == null) {
        compensation = StepStatus.NOT_REQUIRED;
      } else if (compensated) {
        compensation = StepStatus.SUCCEEDED;
      } else {
        compensation = StepStatus.PENDING;
      }
      steps.add(new StepState(step.step(), forward, 0, step.compensation(), compensation, 0, null));
    }
    return steps;
  }

  /** True when every step, the last included, took effect: the saga did its work. */
  static boolean allForwardDone(List<StepDefinition> definitions, Map<String, String> records) {
    return definitions.stream().allMatch(step -> records.containsKey(step.step() + ":f"));
  }

  /** True when something took effect and is not undone yet. */
  static boolean outstanding(List<StepDefinition> definitions, Map<String, String> records) {
    return definitions.stream().anyMatch(step -> step.compensation() != null
        && records.containsKey(step.step() + ":f")
        && !records.containsKey(step.step() + ":c"));
  }
}
