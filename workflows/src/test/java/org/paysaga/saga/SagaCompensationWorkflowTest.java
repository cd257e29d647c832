package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.saga.SagaTestbed.CALLS_UNTIL_PARKED;
import static org.paysaga.saga.StepStatus.PENDING;
import static org.paysaga.saga.StepStatus.SUCCEEDED;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSteps;

/**
 * The generic compensation workflow ({@link SagaCompensationImpl}) that {@code dlq retry} starts for
 * a saga Temporal gave up on: it runs exactly the compensations of the order, in the order given,
 * with the saga's own input and the worker's step timeouts, through the same {@link SagaRun}.
 */
class SagaCompensationWorkflowTest {
  /** The worker's configured timeouts, which differ from the step defaults the order carries (60 s, 30 s). */
  private static final Map<String, Duration> WORKER_TIMEOUTS =
      Map.of(CALL_PAYMENT_CHANNEL, Duration.ofSeconds(7), CREATE_ORDER, Duration.ofSeconds(9));

  private final SagaTestbed bed = SagaTestbed.withStepTimeouts(WORKER_TIMEOUTS);
  private final PaymentRequest payment = bed.newPayment();
  /** The charge and the order were not undone when Temporal gave up: refund, then cancel. */
  private final CompensationOrder order = new CompensationOrder(payment.sagaId(), "PaymentSaga",
      payment.paymentNo(), List.of(step(CALL_PAYMENT_CHANNEL), step(CREATE_ORDER)), payment, payment.description());

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void runsTheOrdersCompensationsInItsOrderWithTheSagasInput() {
    WorkflowStub compensation = bed.startCompensation(order);
    SagaState result = SagaTestbed.result(compensation);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.sagaId()).isEqualTo("payment-P1001");
    assertThat(result.sagaType()).isEqualTo("PaymentSaga");
    assertThat(result.businessKey()).isEqualTo("P1001");
    assertThat(result.failure()).isEqualTo("operator retry of a saga Temporal gave up on");
    assertThat(result.steps()).containsExactly(
        new StepState(CALL_PAYMENT_CHANNEL, PENDING, 0, REFUND_PAYMENT, SUCCEEDED, 1, null),
        new StepState(CREATE_ORDER, PENDING, 0, CANCEL_ORDER, SUCCEEDED, 1, null));
    assertThat(bed.scheduledActivities(compensation)).containsExactly(REFUND_PAYMENT, CANCEL_ORDER);
    InOrder undo = inOrder(bed.payments);
    undo.verify(bed.payments).refundPayment(payment);
    undo.verify(bed.payments).cancelOrder(payment);
    verify(bed.payments, never()).reverseMerchantCredit(any());
    verify(bed.payments, never()).callPaymentChannel(any());
    // Registered under its own workflow ID; finishing ends the saga it works for.
    InOrder lifecycle = inOrder(bed.lifecycle);
    lifecycle.verify(bed.lifecycle).register("payment-P1001-compensation", result.startedAtMillis());
    lifecycle.verify(bed.lifecycle).settings();
    lifecycle.verify(bed.lifecycle).finish("payment-P1001");
  }

  @Test
  void eachCompensationRunsWithTheWorkersStepTimeoutNotTheOrders() {
    WorkflowStub compensation = bed.startCompensation(order);
    SagaTestbed.result(compensation);

    assertThat(bed.scheduledTimeouts(compensation)).containsExactlyInAnyOrderEntriesOf(Map.of(
        REFUND_PAYMENT, WORKER_TIMEOUTS.get(CALL_PAYMENT_CHANNEL), CANCEL_ORDER, WORKER_TIMEOUTS.get(CREATE_ORDER)));
  }

  @Test
  void aCompensationThatKeepsFailingRecoversParksAndTakesTheOperatorsRetry() {
    StepScript refund = bed.payment(PaymentActivities::refundPayment, StepScript.fails(CALLS_UNTIL_PARKED));
    WorkflowStub compensation = bed.startCompensation(order);

    SagaState parked = bed.skipPastGiveUp(compensation);

    assertThat(parked.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(refund.callCount()).isEqualTo(CALLS_UNTIL_PARKED);
    assertThat(bed.parkedEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.sagaId()).isEqualTo("payment-P1001");
      assertThat(entry.workflowId()).as("the workflow that waits for the signal").isEqualTo("payment-P1001-compensation");
      assertThat(entry.sagaType()).isEqualTo("PaymentSaga");
      assertThat(entry.businessKey()).isEqualTo("P1001");
      assertThat(entry.source()).isEqualTo(DlqEntry.SOURCE_RECOVERY);
      assertThat(entry.reason()).isEqualTo("recovery gave up: RefundPayment: unavailable [ServiceUnavailable]");
    });

    compensation.signal(SagaWorkflow.RETRY_SIGNAL);
    SagaState result = SagaTestbed.result(compensation);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    verify(bed.payments).cancelOrder(payment);
    verify(bed.lifecycle).finish("payment-P1001");
  }

  @Test
  void whenItParksTheEntryDescribesThePaymentAsTheSagaItselfWould() {
    bed.payment(PaymentActivities::refundPayment, StepScript.alwaysFails());
    WorkflowStub compensation = bed.startCompensation(order);

    bed.skipUntilParked(compensation);

    assertThat(bed.parkedEntries()).singleElement().satisfies(entry ->
        assertThat(entry.attributes()).containsAllEntriesOf(payment.description()));
  }

  private static StepDefinition step(String name) {
    return PaymentSteps.ALL.stream().filter(s -> s.step().equals(name)).findFirst().orElseThrow();
  }
}
