package org.paysaga.sweeper;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSaga;

/**
 * A stand-in for a payment saga that a test ends however it likes (terminate, time out, signal):
 * same workflow type and input as the real one, but it runs no step, so the test writes exactly
 * the barrier records it wants.
 */
@WorkflowInterface
public interface StuckPaymentSaga {
  @WorkflowMethod(name = PaymentSaga.WORKFLOW_TYPE)
  void pay(PaymentRequest request);

  @SignalMethod
  void end();

  class Impl implements StuckPaymentSaga {
    private boolean ended;

    @Override
    public void pay(PaymentRequest request) {
      Workflow.await(() -> ended);
    }

    @Override
    public void end() {
      ended = true;
    }
  }
}
