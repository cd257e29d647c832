package org.paysaga.payment;

import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.saga.SagaRun;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaWorkflowSupport;

/** The payment saga's workflow code: deterministic, all effects through activities. */
public class PaymentSagaImpl extends SagaWorkflowSupport implements PaymentSaga {
  private final PaymentActivities activities =
      Workflow.newActivityStub(PaymentActivities.class, SagaActivityOptions.base(PaymentRefusals.ALL));
  private final SagaRun run = new SagaRun(WORKFLOW_TYPE, PaymentSteps.ALL);

  @Override
  protected SagaRun run() {
    return run;
  }

  @Override
  public SagaState pay(PaymentRequest request) {
    rejectIfInvalid(request);
    run.start(request);
    try {
      run.step(CREATE_ORDER, () -> activities.createOrder(request), () -> activities.cancelOrder(request));
      run.step(CALL_PAYMENT_CHANNEL,
          () -> activities.callPaymentChannel(request), () -> activities.refundPayment(request));
      run.step(CREDIT_MERCHANT,
          () -> activities.creditMerchant(request), () -> activities.reverseMerchantCredit(request));
    } catch (TemporalFailure e) {
      return run.compensate(e);
    }
    return run.forwardOnly(COMPLETE_ORDER, () -> activities.completeOrder(request));
  }

  /** The client validated already; this guards starts that bypassed it. No activity runs. */
  private void rejectIfInvalid(PaymentRequest request) {
    String reason = null;
    try {
      PaymentRequests.validate(request);
      String workflowId = Workflow.getInfo().getWorkflowId();
      if (!workflowId.equals(request.sagaId())) {
        reason = "paymentNo: '" + request.paymentNo() + "' does not match workflow ID '" + workflowId
            + "' (it must be " + PaymentSaga.workflowIdFor(request.paymentNo()) + ")";
      }
    } catch (InvalidPaymentRequestException e) {
      reason = e.getMessage();
    }
    if (reason != null) {
      run.reject(reason);
      throw ApplicationFailure.newNonRetryableFailure(reason, PaymentRefusals.INVALID_REQUEST);
    }
  }
}
