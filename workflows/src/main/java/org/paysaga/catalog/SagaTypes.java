package org.paysaga.catalog;

import java.util.Map;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.refund.RefundSaga;
import org.paysaga.refund.RefundSteps;

/** The saga types this project ships, for the sweeper and the DLQ service. */
public final class SagaTypes {
  private SagaTypes() {}

  public static SagaCatalog catalog() {
    return new SagaCatalog(Map.of(
        PaymentSaga.WORKFLOW_TYPE, PaymentSteps.ALL,
        RefundSaga.WORKFLOW_TYPE, RefundSteps.ALL));
  }
}
