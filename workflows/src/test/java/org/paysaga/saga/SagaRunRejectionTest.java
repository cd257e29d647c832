package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.refund.RefundRequest;

/**
 * {@code FAILED}: a request the workflow refuses (one that bypassed the client's checks) ends the
 * saga before any step runs: no activity, no bookkeeping, the workflow fails non-retryably.
 */
class SagaRunRejectionTest {
  private final SagaTestbed bed = SagaTestbed.start();

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void aPaymentWithABadAmountFailsBeforeAnyStep() {
    PaymentRequest bad = new PaymentRequest("P1", "m_shop", -5, "CNY", "tok_visa");

    WorkflowStub saga = bed.startPayment(bad);

    assertRefused(saga, "amount: must be greater than zero");
  }

  @Test
  void aPaymentStartedUnderAnotherWorkflowIdFails() {
    PaymentRequest request = bed.newPayment();

    WorkflowStub saga = bed.startPayment(request, "payment-somebody-else");

    assertRefused(saga, "paymentNo: 'P1001' does not match workflow ID 'payment-somebody-else'"
        + " (it must be payment-P1001)");
  }

  @Test
  void aRefundWithoutItsPaymentFailsBeforeAnyStep() {
    WorkflowStub saga = bed.startRefund(new RefundRequest("R1", null));

    assertRefused(saga, "payment: is required");
  }

  private void assertRefused(WorkflowStub saga, String reason) {
    assertThatThrownBy(() -> SagaTestbed.result(saga))
        .isInstanceOf(WorkflowFailedException.class)
        .cause().isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(PaymentRefusals.INVALID_REQUEST);
          assertThat(failure.isNonRetryable()).isTrue();
          assertThat(failure.getOriginalMessage()).isEqualTo(reason);
        });
    SagaState state = SagaTestbed.state(saga);
    assertThat(state.status()).isEqualTo(SagaStatus.FAILED);
    assertThat(state.failure()).isEqualTo(reason);
    assertThat(state.steps()).extracting(StepState::status).containsOnly(StepStatus.PENDING);
    assertThat(bed.scheduledActivities(saga)).isEmpty();
    verifyNoInteractions(bed.payments, bed.refunds, bed.lifecycle);
  }
}
