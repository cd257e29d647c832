package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doNothing;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;
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

/** {@code RUNNING -> COMPLETED}: every step once, in order; the lifecycle registers, then finishes. */
class SagaRunCompletionTest {
  private final SagaTestbed bed = SagaTestbed.start();

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void theHappyPathRunsEveryStepOnceInOrderAndCompletes() {
    PaymentRequest request = bed.newPayment();

    WorkflowStub saga = bed.startPayment(request);
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.sagaId()).isEqualTo("payment-P1001");
    assertThat(result.sagaType()).isEqualTo("PaymentSaga");
    assertThat(result.businessKey()).isEqualTo("P1001");
    assertThat(result.failure()).isNull();
    assertThat(result.steps()).containsExactly(
        new StepState(CREATE_ORDER, SUCCEEDED, 1, CANCEL_ORDER, PENDING, 0, null),
        new StepState(CALL_PAYMENT_CHANNEL, SUCCEEDED, 1, REFUND_PAYMENT, PENDING, 0, null),
        new StepState(CREDIT_MERCHANT, SUCCEEDED, 1, REVERSE_MERCHANT_CREDIT, PENDING, 0, null),
        new StepState(COMPLETE_ORDER, SUCCEEDED, 1, null, NOT_REQUIRED, 0, null));
    assertThat(bed.scheduledActivities(saga))
        .containsExactly(CREATE_ORDER, CALL_PAYMENT_CHANNEL, CREDIT_MERCHANT, COMPLETE_ORDER);
    InOrder order = inOrder(bed.lifecycle, bed.payments);
    order.verify(bed.lifecycle).register(request.sagaId(), result.startedAtMillis());
    order.verify(bed.payments).createOrder(request);
    order.verify(bed.payments).callPaymentChannel(request);
    order.verify(bed.payments).creditMerchant(request);
    order.verify(bed.payments).completeOrder(request);
    order.verify(bed.lifecycle).finish(request.sagaId());
    // No compensation, no recovery settings, no DLQ.
    verifyNoMoreInteractions(bed.payments, bed.lifecycle);
  }

  @Test
  void theStateQueryShowsARunningSagaStepByStep() {
    StepScript charge = bed.payment(PaymentActivities::callPaymentChannel, StepScript.hangs());
    WorkflowStub saga = bed.startPayment(bed.newPayment());
    charge.awaitCalls(1);

    SagaState running = SagaTestbed.state(saga);

    assertThat(running.status()).isEqualTo(SagaStatus.RUNNING);
    // Each compensation is registered before its forward call, so the running charge has one pending.
    assertThat(running.steps()).containsExactly(
        new StepState(CREATE_ORDER, SUCCEEDED, 1, CANCEL_ORDER, PENDING, 0, null),
        new StepState(CALL_PAYMENT_CHANNEL, RUNNING, 0, REFUND_PAYMENT, PENDING, 0, null),
        new StepState(CREDIT_MERCHANT, PENDING, 0, REVERSE_MERCHANT_CREDIT, NOT_REQUIRED, 0, null),
        new StepState(COMPLETE_ORDER, PENDING, 0, null, NOT_REQUIRED, 0, null));
    verify(bed.lifecycle).register(running.sagaId(), running.startedAtMillis());
    verify(bed.lifecycle, never()).finish(anyString());

    charge.release();
    assertThat(SagaTestbed.result(saga).status()).isEqualTo(SagaStatus.COMPLETED);
  }

  @Test
  void aFlakyStepIsRetriedAfterTwoFourAndEightSecondsAndTheSagaCompletes() {
    StepScript charge = bed.payment(PaymentActivities::callPaymentChannel, StepScript.fails(3));

    SagaState result = bed.pay(bed.newPayment());

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.step(CALL_PAYMENT_CHANNEL))
        .isEqualTo(new StepState(CALL_PAYMENT_CHANNEL, SUCCEEDED, 4, REFUND_PAYMENT, PENDING, 0, null));
    assertThat(charge.attempts()).containsExactly(1, 2, 3, 4);
    assertThat(charge.gapsMillis()).satisfiesExactly(
        gap -> assertThat(gap).isBetween(2_000L, 3_000L),
        gap -> assertThat(gap).isBetween(4_000L, 5_000L),
        gap -> assertThat(gap).isBetween(8_000L, 9_000L));
    verify(bed.payments, never()).refundPayment(any());
    verify(bed.payments, never()).cancelOrder(any());
  }

  @Test
  void bookkeepingThatFailsIsRetriedAndDelaysTheSagaWithoutFailingIt() {
    // Redis away when the saga registers: the local activity retries (1 s later) until it answers.
    doThrow(new IllegalStateException("Redis connection reset")).doNothing()
        .when(bed.lifecycle).register(anyString(), anyLong());
    PaymentRequest request = bed.newPayment();

    SagaState result = bed.pay(request);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    verify(bed.lifecycle, times(2)).register(request.sagaId(), result.startedAtMillis());
    verify(bed.lifecycle).finish(request.sagaId());
    verify(bed.payments).completeOrder(request);
  }
}
