package org.paysaga.refund;

import static org.paysaga.refund.RefundSteps.DEBIT_MERCHANT;
import static org.paysaga.refund.RefundSteps.REFUND_CARD;

import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.saga.SagaRun;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaWorkflowSupport;

/** The refund saga's workflow code: the whole saga machinery comes from {@link SagaRun}. */
public class RefundSagaImpl extends SagaWorkflowSupport implements RefundSaga {
  private final RefundActivities activities =
      Workflow.newActivityStub(RefundActivities.class, SagaActivityOptions.base(PaymentRefusals.ALL));
  private final SagaRun run = new SagaRun(WORKFLOW_TYPE, RefundSteps.ALL);

  @Override
  protected SagaRun run() {
    return run;
  }

  @Override
  public SagaState refund(RefundRequest request) {
    try {
      RefundRequest.validate(request);
    } catch (InvalidPaymentRequestException e) {
      run.reject(e.getMessage());
      throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), PaymentRefusals.INVALID_REQUEST);
    }
    run.start(request);
    try {
      run.step(DEBIT_MERCHANT,
          () -> activities.debitMerchant(request), () -> activities.creditMerchantBack(request));
    } catch (TemporalFailure e) {
      return run.compensate(e);
    }
    return run.forwardOnly(REFUND_CARD, () -> activities.refundCard(request));
  }

}
