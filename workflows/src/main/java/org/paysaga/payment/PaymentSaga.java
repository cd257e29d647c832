package org.paysaga.payment;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaWorkflow;

/**
 * The payment saga (workflow type {@code PaymentSaga}): create the order, charge the card, credit
 * the merchant, complete the order; undo what was done, in reverse order, when a step fails. Its
 * workflow ID {@code payment-<paymentNo>} is the lock that lets a payment run once, ever.
 */
@WorkflowInterface
public interface PaymentSaga extends SagaWorkflow {
  String WORKFLOW_TYPE = "PaymentSaga";
  String WORKFLOW_ID_PREFIX = "payment-";

  /** Runs the payment; the result says how it ended ({@code COMPLETED}, {@code COMPENSATED}...). */
  @WorkflowMethod(name = WORKFLOW_TYPE)
  SagaState pay(PaymentRequest request);

  static String workflowIdFor(String paymentNo) {
    return WORKFLOW_ID_PREFIX + paymentNo;
  }
}
