package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.paysaga.refund.RefundSteps.CREDIT_MERCHANT_BACK;
import static org.paysaga.refund.RefundSteps.DEBIT_MERCHANT;
import static org.paysaga.refund.RefundSteps.REFUND_CARD;
import static org.paysaga.saga.SagaTestbed.CALLS_UNTIL_PARKED;
import static org.paysaga.saga.StepStatus.FAILED;
import static org.paysaga.saga.StepStatus.NOT_REQUIRED;
import static org.paysaga.saga.StepStatus.PENDING;
import static org.paysaga.saga.StepStatus.SUCCEEDED;

import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.refund.RefundActivities;
import org.paysaga.refund.RefundRequest;

/** The second saga type on the same {@link SagaRun}: debit the merchant (undone by crediting back), then refund the card. */
class RefundSagaRunTest {
  private final SagaTestbed bed = SagaTestbed.start();
  private final RefundRequest request = new RefundRequest("R2001", bed.newPayment());

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void aRefundDebitsTheMerchantThenRefundsTheCardAndCompletes() {
    WorkflowStub saga = bed.startRefund(request);
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.sagaId()).isEqualTo("refund-R2001");
    assertThat(result.sagaType()).isEqualTo("RefundSaga");
    assertThat(result.steps()).containsExactly(
        new StepState(DEBIT_MERCHANT, SUCCEEDED, 1, CREDIT_MERCHANT_BACK, PENDING, 0, null),
        new StepState(REFUND_CARD, SUCCEEDED, 1, null, NOT_REQUIRED, 0, null));
    assertThat(bed.scheduledActivities(saga)).containsExactly(DEBIT_MERCHANT, REFUND_CARD);
    InOrder order = inOrder(bed.lifecycle, bed.refunds);
    order.verify(bed.lifecycle).register("refund-R2001", result.startedAtMillis());
    order.verify(bed.refunds).debitMerchant(request);
    order.verify(bed.refunds).refundCard(request);
    order.verify(bed.lifecycle).finish("refund-R2001");
    verify(bed.refunds, never()).creditMerchantBack(any());
    verifyNoInteractions(bed.payments);
  }

  @Test
  void aRefusedDebitIsCreditedBackAndTheCardIsNotRefunded() {
    bed.refund(RefundActivities::debitMerchant, StepScript.refuses(PaymentRefusals.MERCHANT_FROZEN));

    WorkflowStub saga = bed.startRefund(request);
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.step(DEBIT_MERCHANT)).isEqualTo(new StepState(DEBIT_MERCHANT, FAILED, 1,
        CREDIT_MERCHANT_BACK, SUCCEEDED, 1, "DebitMerchant: refused [MerchantFrozen]"));
    assertThat(bed.scheduledActivities(saga)).containsExactly(DEBIT_MERCHANT, CREDIT_MERCHANT_BACK);
    verify(bed.refunds, never()).refundCard(any());
  }

  @Test
  void aCardRefundThatNeverWorksIsRetriedNotCompensatedThenParks() {
    StepScript card = bed.refund(RefundActivities::refundCard, StepScript.alwaysFails());
    WorkflowStub saga = bed.startRefund(request);

    SagaState parked = bed.skipPastGiveUp(saga);

    assertThat(parked.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(card.callCount()).isEqualTo(CALLS_UNTIL_PARKED);
    // Past the pivot the saga only goes forward: the debit stays, it is not credited back.
    assertThat(parked.step(DEBIT_MERCHANT).compensationStatus()).isEqualTo(PENDING);
    verify(bed.refunds, never()).creditMerchantBack(any());
    assertThat(bed.parkedEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.sagaType()).isEqualTo("RefundSaga");
      assertThat(entry.businessKey()).isEqualTo("R2001");
      assertThat(entry.attributes()).containsEntry("refundNo", "R2001").containsEntry("paymentNo", "P1001");
      assertThat(entry.reason()).isEqualTo("recovery gave up: RefundCard: unavailable [ServiceUnavailable]");
    });
  }

  @Test
  void aCardRefundThatWorksOnARecoveryRoundCompletesTheRefund() {
    StepScript card = bed.refund(RefundActivities::refundCard, StepScript.fails(4));

    SagaState result = SagaTestbed.result(bed.startRefund(request));

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(card.attempts()).containsExactly(1, 2, 3, 4, 1);
    verify(bed.refunds, never()).creditMerchantBack(any());
  }
}
