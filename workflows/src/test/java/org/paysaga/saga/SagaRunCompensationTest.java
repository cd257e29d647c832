package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.paysaga.payment.PaymentRefusals.CARD_DECLINED;
import static org.paysaga.payment.PaymentRefusals.MERCHANT_FROZEN;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;
import static org.paysaga.saga.StepStatus.FAILED;
import static org.paysaga.saga.StepStatus.NOT_REQUIRED;
import static org.paysaga.saga.StepStatus.PENDING;
import static org.paysaga.saga.StepStatus.RUNNING;
import static org.paysaga.saga.StepStatus.SUCCEEDED;

import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRequest;

/**
 * {@code RUNNING -> COMPENSATING -> COMPENSATED}: a step that fails for good makes the saga undo the
 * steps it started, in reverse order, and only those.
 */
class SagaRunCompensationTest {
  private final SagaTestbed bed = SagaTestbed.start();

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void aDeclinedCardIsNotRetriedAndUndoesTheChargeThenTheOrder() {
    StepScript charge = bed.payment(PaymentActivities::callPaymentChannel, StepScript.refuses(CARD_DECLINED));
    PaymentRequest request = bed.newPayment();

    WorkflowStub saga = bed.startPayment(request);
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(charge.attempts()).containsExactly(1);
    assertThat(result.failure()).isEqualTo("CallPaymentChannel: refused [CardDeclined]");
    assertThat(result.steps()).containsExactly(
        new StepState(CREATE_ORDER, SUCCEEDED, 1, CANCEL_ORDER, SUCCEEDED, 1, null),
        // The refused charge is compensated too: the refund finds nothing to undo, and says so.
        new StepState(CALL_PAYMENT_CHANNEL, FAILED, 1, REFUND_PAYMENT, SUCCEEDED, 1,
            "CallPaymentChannel: refused [CardDeclined]"),
        new StepState(CREDIT_MERCHANT, PENDING, 0, REVERSE_MERCHANT_CREDIT, NOT_REQUIRED, 0, null),
        new StepState(COMPLETE_ORDER, PENDING, 0, null, NOT_REQUIRED, 0, null));
    assertThat(bed.scheduledActivities(saga))
        .containsExactly(CREATE_ORDER, CALL_PAYMENT_CHANNEL, REFUND_PAYMENT, CANCEL_ORDER);
    verify(bed.payments).refundPayment(request);
    verify(bed.payments).cancelOrder(request);
    verify(bed.payments, never()).creditMerchant(any());
    verify(bed.payments, never()).reverseMerchantCredit(any());
    verify(bed.payments, never()).completeOrder(any());
    assertLifecycleRegisteredAndFinished(request, result);
  }

  @Test
  void aFrozenMerchantUndoesTheCreditThenTheChargeThenTheOrder() {
    bed.payment(PaymentActivities::creditMerchant, StepScript.refuses(MERCHANT_FROZEN));
    PaymentRequest request = bed.newPayment();

    WorkflowStub saga = bed.startPayment(request);
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(bed.scheduledActivities(saga)).containsExactly(CREATE_ORDER, CALL_PAYMENT_CHANNEL, CREDIT_MERCHANT,
        REVERSE_MERCHANT_CREDIT, REFUND_PAYMENT, CANCEL_ORDER);
    InOrder undo = inOrder(bed.payments);
    undo.verify(bed.payments).reverseMerchantCredit(request);
    undo.verify(bed.payments).refundPayment(request);
    undo.verify(bed.payments).cancelOrder(request);
    assertThat(result.step(CREDIT_MERCHANT)).isEqualTo(new StepState(CREDIT_MERCHANT, FAILED, 1,
        REVERSE_MERCHANT_CREDIT, SUCCEEDED, 1, "CreditMerchant: refused [MerchantFrozen]"));
    assertThat(result.step(COMPLETE_ORDER).status()).isEqualTo(PENDING);
    verify(bed.payments, never()).completeOrder(any());
  }

  @Test
  void aRefusedFirstStepUndoesOnlyItself() {
    bed.payment(PaymentActivities::createOrder, StepScript.refuses("OrderRejected"));

    WorkflowStub saga = bed.startPayment(bed.newPayment());
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(bed.scheduledActivities(saga)).containsExactly(CREATE_ORDER, CANCEL_ORDER);
    assertThat(result.steps()).extracting(StepState::status).containsExactly(FAILED, PENDING, PENDING, PENDING);
    assertThat(result.steps()).extracting(StepState::compensationStatus)
        .containsExactly(SUCCEEDED, NOT_REQUIRED, NOT_REQUIRED, NOT_REQUIRED);
  }

  @Test
  void whileItsCompensationsRunTheSagaIsCompensatingAndTheQueryShowsEachOne() {
    bed.payment(PaymentActivities::creditMerchant, StepScript.refuses(MERCHANT_FROZEN));
    StepScript refund = bed.payment(PaymentActivities::refundPayment, StepScript.hangs());
    PaymentRequest request = bed.newPayment();
    WorkflowStub saga = bed.startPayment(request);
    refund.awaitCalls(1);

    SagaState compensating = SagaTestbed.state(saga);

    assertThat(compensating.status()).isEqualTo(SagaStatus.COMPENSATING);
    assertThat(compensating.steps()).extracting(StepState::compensationStatus)
        .containsExactly(PENDING, RUNNING, SUCCEEDED, NOT_REQUIRED);
    verify(bed.lifecycle, never()).finish(anyString());

    refund.release();
    SagaState result = SagaTestbed.result(saga);
    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.steps()).extracting(StepState::compensationStatus)
        .containsExactly(SUCCEEDED, SUCCEEDED, SUCCEEDED, NOT_REQUIRED);
    assertLifecycleRegisteredAndFinished(request, result);
  }

  private void assertLifecycleRegisteredAndFinished(PaymentRequest request, SagaState result) {
    InOrder lifecycle = inOrder(bed.lifecycle);
    lifecycle.verify(bed.lifecycle).register(request.sagaId(), result.startedAtMillis());
    lifecycle.verify(bed.lifecycle).finish(request.sagaId());
    verify(bed.lifecycle, never()).park(any());
    verify(bed.lifecycle, never()).settings();
  }
}
