package org.paysaga.catalog;

import java.util.Map;
import java.util.Optional;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.refund.RefundRequest;
import org.paysaga.saga.SagaInput;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.refund.RefundSaga;
import org.paysaga.refund.RefundSteps;

/** The saga types this project ships, for the sweeper and the DLQ service. */
public final class SagaTypes {
  private static final Map<String, Class<? extends SagaInput>> INPUT_TYPES = Map.of(
      PaymentSaga.WORKFLOW_TYPE, PaymentRequest.class,
      RefundSaga.WORKFLOW_TYPE, RefundRequest.class);

  private SagaTypes() {}

  /** The input record of a saga type, to read a saga's input back from its history. */
  public static Optional<Class<? extends SagaInput>> inputType(String sagaType) {
    return Optional.ofNullable(INPUT_TYPES.get(sagaType));
  }

  public static SagaCatalog catalog() {
    return new SagaCatalog(Map.of(
        PaymentSaga.WORKFLOW_TYPE, PaymentSteps.ALL,
        RefundSaga.WORKFLOW_TYPE, RefundSteps.ALL));
  }
}
