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

  String WORKFLOW_ID_SUFFIX = "-compensation";

  static String workflowIdFor(String sagaId) {
    return sagaId + WORKFLOW_ID_SUFFIX;
  }

  /** True for the workflow ID of a saga's compensation workflow. */
  static boolean isWorkflowId(String workflowId) {
    return workflowId.endsWith(WORKFLOW_ID_SUFFIX);
  }

  /** The saga a compensation workflow works for. */
  static String sagaIdOf(String workflowId) {
    return workflowId.substring(0, workflowId.length() - WORKFLOW_ID_SUFFIX.length());
  }

  @WorkflowMethod(name = WORKFLOW_TYPE)
  SagaState compensate(CompensationOrder order);
}
