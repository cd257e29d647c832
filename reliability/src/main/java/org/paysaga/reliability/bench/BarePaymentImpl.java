package org.paysaga.reliability.bench;

import io.temporal.workflow.Workflow;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.saga.SagaActivityOptions;

/** B: the four forward steps, each with the saga's retry policy and step timeout. */
public final class BarePaymentImpl implements BarePayment {
  private final PaymentActivities activities =
      Workflow.newActivityStub(PaymentActivities.class, SagaActivityOptions.base(PaymentRefusals.ALL));

  @Override
  public String pay(PaymentRequest request) {
    activities.createOrder(request);
    activities.callPaymentChannel(request);
    activities.creditMerchant(request);
    return activities.completeOrder(request).reference();
  }
}
