package org.paysaga.reliability.scale;

import java.util.List;
import java.util.UUID;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/**
 * DLQ entries as the sweeper writes them for a payment saga Temporal terminated after the charge,
 * while the merchant credit had begun: its steps as the sweeper rebuilds them from the sealed
 * barrier records (CreateOrder and CallPaymentChannel recorded, CreditMerchant begun), its input
 * the saga's request, which the store encrypts with the data converter it was given.
 */
final class DlqEntries {
  private static final String REASON = "workflow terminated: stuck at the merchant ledger, ended by the on-call";
  private static final List<StepState> STEPS = List.of(
      new StepState(PaymentSteps.CREATE_ORDER, StepStatus.SUCCEEDED, 0, PaymentSteps.CANCEL_ORDER,
          StepStatus.PENDING, 0, null),
      new StepState(PaymentSteps.CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, 0, PaymentSteps.REFUND_PAYMENT,
          StepStatus.PENDING, 0, null),
      new StepState(PaymentSteps.CREDIT_MERCHANT, StepStatus.RUNNING, 0, PaymentSteps.REVERSE_MERCHANT_CREDIT,
          StepStatus.PENDING, 0, null),
      new StepState(PaymentSteps.COMPLETE_ORDER, StepStatus.RUNNING, 0, null, StepStatus.NOT_REQUIRED, 0, null));

  private DlqEntries() {}

  /** Entry {@code i}: parked {@code i} seconds after the first, so the index orders them. */
  static DlqEntry sweeperEntry(long i) {
    PaymentRequest input = new PaymentRequest(PaymentIds.paymentNo(i), "m_" + (i % 97), 100 + (i * 7919) % 99_900,
        "CNY", "tok_visa_" + Long.toHexString(i * 0x9E3779B97F4AL));
    long closedAt = RegistryFill.FIRST_START_MILLIS + i * 1_000;
    return new DlqEntry(input.sagaId(), input.sagaId(), UUID.nameUUIDFromBytes(input.sagaId().getBytes()).toString(),
        "PaymentSaga", input.businessKey(), input.description(), REASON, List.of(REASON), STEPS, closedAt,
        closedAt + 1_500, 0, DlqEntry.SOURCE_SWEEPER, input);
  }
}
