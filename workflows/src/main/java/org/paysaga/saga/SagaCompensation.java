package org.paysaga.saga;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Runs the outstanding compensations of a saga that Temporal gave up on (terminated, timed out,
 * failed): {@code saga dlq retry} starts it for an entry the sweeper made. Workflow ID
 * {@code <sagaId>-compensation}. It recovers and parks in the DLQ like any saga.
 */
@WorkflowInterface
public interface SagaCompensation extends SagaWorkflow {
  String WORKFLOW_TYPE = "SagaCompensation";

  static String workflowIdFor(String sagaId) {
    return sagaId + "-compensation";
  }

  @WorkflowMethod(name = WORKFLOW_TYPE)
  SagaState compensate(CompensationOrder order);
}
