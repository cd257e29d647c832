package org.paysaga.refund;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaWorkflow;

/**
 * A standalone refund as a saga (workflow type {@code RefundSaga}, ID {@code refund-<refundNo>}):
 * the second saga type, built on the same {@code SagaRun} as the payment saga and so getting the
 * same barrier, recovery, DLQ, in-flight registry, metrics and {@code state} query.
 */
@WorkflowInterface
public interface RefundSaga extends SagaWorkflow {
  String WORKFLOW_TYPE = "RefundSaga";
  String WORKFLOW_ID_PREFIX = "refund-";

  @WorkflowMethod(name = WORKFLOW_TYPE)
  SagaState refund(RefundRequest request);

  static String workflowIdFor(String refundNo) {
    return WORKFLOW_ID_PREFIX + refundNo;
  }
}
