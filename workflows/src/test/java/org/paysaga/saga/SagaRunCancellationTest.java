package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.saga.StepStatus.FAILED;
import static org.paysaga.saga.StepStatus.NOT_REQUIRED;
import static org.paysaga.saga.StepStatus.PENDING;
import static org.paysaga.saga.StepStatus.SUCCEEDED;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRequest;

/**
 * Cancelling a saga: a running one compensates what it started ({@code RUNNING -> COMPENSATING ->
 * COMPENSATED}); compensation, recovery, the DLQ wait and a step past the pivot run in a detached
 * scope, so a cancel request does not stop them. The SDK closes every cancel-requested workflow
 * {@code Canceled} and drops its result: the final state is read with the {@code state} query.
 */
class SagaRunCancellationTest {
  private final SagaTestbed bed = SagaTestbed.start();

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void cancellingASagaMidStepCompensatesTheStepsItStarted() {
    StepScript charge = bed.payment(PaymentActivities::callPaymentChannel, StepScript.hangs());
    PaymentRequest request = bed.newPayment();
    WorkflowStub saga = bed.startPayment(request);
    charge.awaitCalls(1);

    saga.cancel();

    assertClosedCanceled(saga);
    SagaState result = SagaTestbed.state(saga);
    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.failure()).isEqualTo("CallPaymentChannel: cancelled");
    assertThat(result.steps()).containsExactly(
        new StepState(CREATE_ORDER, SUCCEEDED, 1, CANCEL_ORDER, SUCCEEDED, 1, null),
        // The charge may have gone through before the cancel: it is refunded.
        new StepState(CALL_PAYMENT_CHANNEL, FAILED, 0, REFUND_PAYMENT, SUCCEEDED, 1, "CallPaymentChannel: cancelled"),
        new StepState(CREDIT_MERCHANT, PENDING, 0, "ReverseMerchantCredit", NOT_REQUIRED, 0, null),
        new StepState(COMPLETE_ORDER, PENDING, 0, null, NOT_REQUIRED, 0, null));
    assertThat(bed.scheduledActivities(saga))
        .containsExactly(CREATE_ORDER, CALL_PAYMENT_CHANNEL, REFUND_PAYMENT, CANCEL_ORDER);
    verify(bed.payments, never()).creditMerchant(any());
    verify(bed.lifecycle).finish(request.sagaId());
  }

  @Test
  void aCancelRequestDoesNotStopARecoveringSaga() {
    StepScript refund = StepScript.fails(4);
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);
    bed.skip(Duration.ofMinutes(1));
    assertThat(SagaTestbed.state(saga).status()).isEqualTo(SagaStatus.RECOVERING);

    saga.cancel();

    assertClosedCanceled(saga);
    assertThat(SagaTestbed.state(saga).status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(refund.attempts()).containsExactly(1, 2, 3, 4, 1);
  }

  @Test
  void aCancelRequestDoesNotStopAParkedSagaFromWaitingForItsOperator() {
    WorkflowStub saga = bed.startFrozenMerchantPayment(StepScript.alwaysFails());
    bed.skipUntilParked(saga);

    saga.cancel();
    bed.skip(Duration.ofDays(1));

    assertThat(SagaTestbed.state(saga).status()).isEqualTo(SagaStatus.DLQ);
    saga.signal(SagaWorkflow.RESOLVE_SIGNAL, "refunded by hand");
    assertClosedCanceled(saga);
    assertThat(SagaTestbed.state(saga).status()).isEqualTo(SagaStatus.RESOLVED);
  }

  @Test
  void aCancelRequestPastThePivotNoLongerStopsTheSaga() {
    StepScript complete = bed.payment(PaymentActivities::completeOrder, StepScript.hangs());
    WorkflowStub saga = bed.startPayment(bed.newPayment());
    complete.awaitCalls(1);

    saga.cancel();
    complete.release();

    assertClosedCanceled(saga);
    SagaState result = SagaTestbed.state(saga);
    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.step(COMPLETE_ORDER).status()).isEqualTo(SUCCEEDED);
    verify(bed.payments, never()).refundPayment(any());
    verify(bed.payments, never()).cancelOrder(any());
  }

  /** Waits for the workflow to close (skipping time) and checks Temporal closed it as cancelled. */
  private static void assertClosedCanceled(WorkflowStub saga) {
    assertThatThrownBy(() -> SagaTestbed.result(saga))
        .isInstanceOf(WorkflowFailedException.class)
        .cause().isInstanceOf(CanceledFailure.class);
  }
}
