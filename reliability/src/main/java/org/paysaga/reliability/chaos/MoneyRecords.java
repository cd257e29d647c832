package org.paysaga.reliability.chaos;

import java.util.List;
import java.util.Optional;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.SagaState;

/** Where a run's audit reads the money that moved: the sandbox's Redis, or the real providers. */
interface MoneyRecords {
  /** The payment's records; {@code state} is Temporal's view of its saga, empty when unknown. */
  PaymentAudit audit(PlannedPayment payment, Optional<SagaState> state);

  /** Records of payments the run never started: money nobody accounts for. */
  long unknown(List<PlannedPayment> payments);
}
