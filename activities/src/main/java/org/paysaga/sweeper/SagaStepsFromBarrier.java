package org.paysaga.sweeper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.paysaga.barrier.IdempotencyBarrier;
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
   * Step states from sealed records (see {@link IdempotencyBarrier#seal}): a forward with a record
   * SUCCEEDED; a compensable one that never began never took effect (PENDING) and its compensation
   * is not required, the seal recorded it as null. One that began without a record may have acted
   * in its service (RUNNING), so its compensation is owed. A compensation with a real record
   * SUCCEEDED, one still owed is PENDING. A forward-only step without a record may still land: RUNNING.
   */
  static List<StepState> steps(List<StepDefinition> definitions, Map<String, String> records) {
    List<StepState> steps = new ArrayList<>(definitions.size());
    for (StepDefinition step : definitions) {
      String forwardRecord = records.get(step.step() + ":f");
      String compensationRecord = records.get(step.step() + ":c");
      StepStatus forward;
      if (forwardRecord != null) {
        forward = StepStatus.SUCCEEDED;
      } else {
        forward = step.compensation() == null || compensationRecord == null ? StepStatus.RUNNING : StepStatus.PENDING;
      }
      StepStatus compensation;
      if (step.compensation() == null) {
        compensation = StepStatus.NOT_REQUIRED;
      } else if (compensationRecord == null) {
        compensation = StepStatus.PENDING;
      } else if (forwardRecord == null && IdempotencyBarrier.NULL_COMPENSATION.equals(compensationRecord)) {
        compensation = StepStatus.NOT_REQUIRED;
      } else {
        compensation = StepStatus.SUCCEEDED;
      }
      steps.add(new StepState(step.step(), forward, 0, step.compensation(), compensation, 0, null));
    }
    return steps;
  }

  /** The steps that have a compensation: the ones the seal may close. */
  static List<String> compensable(List<StepDefinition> definitions) {
    return definitions.stream().filter(step -> step.compensation() != null).map(StepDefinition::step).toList();
  }

  /** True when every step, the last included, took effect: the saga did its work. */
  static boolean allForwardDone(List<StepDefinition> definitions, Map<String, String> records) {
    return definitions.stream().allMatch(step -> records.containsKey(step.step() + ":f"));
  }

  /** True when something took effect, or may have (it began), and is not undone yet. */
  static boolean outstanding(List<StepDefinition> definitions, Map<String, String> records) {
    return definitions.stream().anyMatch(step -> step.compensation() != null
        && (records.containsKey(step.step() + ":f") || records.containsKey(step.step() + ":b"))
        && !records.containsKey(step.step() + ":c"));
  }
}
