package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;

import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.OrderStatus;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.SagaStart;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;
import org.paysaga.testing.RunningCharges;
import org.paysaga.testing.TestPayments;

/** The payment saga on Temporal's time-skipping test server with the real sandbox on real Redis. */
class PaymentSagaWorkflowTest {
  private static final Duration WAIT = Duration.ofMinutes(5);

  private PaymentSagaTestRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void happyPathCompletesEveryStepOnce() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest request = TestPayments.withCard("tok_visa");

    SagaState result = rig.payments.pay(request, WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.businessKey()).isEqualTo(request.paymentNo());
    assertThat(result.steps()).extracting(StepState::status).containsOnly(StepStatus.SUCCEEDED);
    assertThat(result.steps()).extracting(StepState::attempts).containsOnly(1);
    assertThat(result.step(CREATE_ORDER).compensationStatus()).isEqualTo(StepStatus.PENDING);
    assertThat(result.step(COMPLETE_ORDER).compensationStatus()).isEqualTo(StepStatus.NOT_REQUIRED);
    assertThat(rig.sandbox.audit(request.sagaId()).isCompletedCleanly(request.amountMinor())).isTrue();
    assertThat(rig.scheduledActivities(request.sagaId()))
        .containsExactly(CREATE_ORDER, CALL_PAYMENT_CHANNEL, CREDIT_MERCHANT, COMPLETE_ORDER);
    rig.recordHistory(request.sagaId(), "payment-completed");
  }

  @Test
  void aDeclinedCardCompensatesWithoutRetrying() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest request = TestPayments.withCard("tok_decline");

    SagaState result = rig.payments.pay(request, WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    StepState charge = result.step(CALL_PAYMENT_CHANNEL);
    assertThat(charge.status()).isEqualTo(StepStatus.FAILED);
    assertThat(charge.attempts()).isEqualTo(1);
    assertThat(charge.lastError()).contains("CardDeclined");
    assertThat(result.failure()).startsWith("CallPaymentChannel: ").contains("declined");
    assertThat(charge.compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(result.step(CREATE_ORDER).compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(result.step(CREDIT_MERCHANT).status()).isEqualTo(StepStatus.PENDING);
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    assertThat(audit.orderStatus()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(audit.charges()).isZero();
    assertThat(audit.refunds()).isZero();
    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(1);
    assertThat(audit.isCompensatedCleanly()).isTrue();
    assertThat(rig.scheduledActivities(request.sagaId()))
        .containsExactly(CREATE_ORDER, CALL_PAYMENT_CHANNEL, REFUND_PAYMENT, CANCEL_ORDER);
    rig.recordHistory(request.sagaId(), "payment-declined");
  }

  @Test
  void aFlakyChannelIsRetriedAfterTwoFourAndEightSecondsThenCompletes() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest request = TestPayments.withCard("tok_flaky_3");

    SagaState result = rig.payments.pay(request, WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.step(CALL_PAYMENT_CHANNEL).attempts()).isEqualTo(4);
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(4);
    assertGapsAbout(audit, CALL_PAYMENT_CHANNEL, 2_000, 4_000, 8_000);
    assertThat(audit.isCompletedCleanly(request.amountMinor())).isTrue();
    rig.recordHistory(request.sagaId(), "payment-flaky-then-completed");
  }

  @Test
  void aChannelFlakyBeyondTheRetriesCompensates() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest request = TestPayments.withCard("tok_flaky_4");

    SagaState result = rig.payments.pay(request, WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.step(CALL_PAYMENT_CHANNEL).status()).isEqualTo(StepStatus.FAILED);
    assertThat(result.step(CALL_PAYMENT_CHANNEL).attempts()).isEqualTo(4);
    assertThat(result.step(CALL_PAYMENT_CHANNEL).lastError()).contains("ChannelUnavailable");
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(4);
    assertThat(audit.charges()).isZero();
    assertThat(audit.isCompensatedCleanly()).isTrue();
    rig.recordHistory(request.sagaId(), "payment-flaky-exhausted");
  }

  @Test
  void aStepPastItsTimeoutIsRetriedAndChargesAtMostOnce() throws Exception {
    // The timeout comes from configuration (as saga.steps.CallPaymentChannel.start-to-close would):
    // each attempt of tok_slow_5 takes 5 s, past the 1 s timeout, so all four attempts time out
    // before the first one's charge lands (with a shorter delay a later attempt finds that charge
    // recorded and the saga completes); the refund then voids the charge's key and the late
    // attempts charge nothing.
    rig = new PaymentSagaTestRig(Map.of(CALL_PAYMENT_CHANNEL, Duration.ofSeconds(1)), true);
    PaymentRequest request = TestPayments.withCard("tok_slow_5");

    SagaState result = rig.payments.pay(request, WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    StepState charge = result.step(CALL_PAYMENT_CHANNEL);
    assertThat(charge.status()).isEqualTo(StepStatus.FAILED);
    assertThat(charge.attempts()).isEqualTo(4);
    assertThat(charge.lastError()).contains("timed out (START_TO_CLOSE)");
    PaymentAudit audit = awaitQuietSandbox(request.sagaId());
    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(4);
    assertThat(audit.charges()).isLessThanOrEqualTo(1);
    assertThat(audit.refunds()).isLessThanOrEqualTo(1);
    assertThat(audit.doubleCharged()).isFalse();
    rig.recordHistory(request.sagaId(), "payment-slow-timed-out");
  }

  @Test
  void aFailingCompensationIsRetriedWithTheSameBackoffThenRecovers() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest request = TestPayments.payment("tok_refund_fail", "m_frozen");
    rig.payments.start(request);

    SagaState result = rig.awaitStatus(request.sagaId(), SagaStatus.RECOVERING, Duration.ofMinutes(2));

    StepState charge = result.step(CALL_PAYMENT_CHANNEL);
    assertThat(charge.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(charge.compensationStatus()).isEqualTo(StepStatus.FAILED);
    assertThat(charge.compensationAttempts()).isEqualTo(4);
    assertThat(charge.lastError()).contains("ChannelUnavailable");
    // One failed compensation does not stop the others.
    assertThat(result.step(CREATE_ORDER).compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    assertThat(audit.attempts(REFUND_PAYMENT)).isEqualTo(4);
    assertGapsAbout(audit, REFUND_PAYMENT, 2_000, 4_000, 8_000);
    assertThat(audit.refunds()).isZero();
    assertThat(audit.charges()).isEqualTo(1);
    rig.recordHistory(request.sagaId(), "payment-refund-failed-recovering");
  }

  @Test
  void aFrozenMerchantRefundsThenCancels() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest request = TestPayments.toMerchant("m_frozen");

    SagaState result = rig.payments.pay(request, WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.step(CREDIT_MERCHANT).attempts()).isEqualTo(1);
    assertThat(result.step(CREDIT_MERCHANT).lastError()).contains("MerchantFrozen");
    assertThat(rig.scheduledActivities(request.sagaId())).containsExactly(
        CREATE_ORDER, CALL_PAYMENT_CHANNEL, CREDIT_MERCHANT,
        REVERSE_MERCHANT_CREDIT, REFUND_PAYMENT, CANCEL_ORDER);
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    assertThat(audit.charges()).isEqualTo(1);
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.ledgerCredits()).isZero();
    assertThat(audit.orderStatus()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(audit.isCompensatedCleanly()).isTrue();
    rig.recordHistory(request.sagaId(), "payment-frozen-merchant");
  }

  @Test
  void cancellingARunningSagaCompensatesIt() throws Exception {
    // Real time here: the saga must still be waiting between charge attempts when it is cancelled.
    rig = new PaymentSagaTestRig(Map.of(), false);
    PaymentRequest request = TestPayments.withCard("tok_flaky_3");
    rig.payments.start(request);
    rig.awaitAttempts(request.sagaId(), CALL_PAYMENT_CHANNEL, 1);

    SagaState running = rig.payments.state(request.paymentNo());
    assertThat(running.status()).isEqualTo(SagaStatus.RUNNING);
    assertThat(running.step(CREATE_ORDER).status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(running.step(CALL_PAYMENT_CHANNEL).status()).isEqualTo(StepStatus.RUNNING);

    rig.payments.cancel(request.paymentNo());
    SagaState result = rig.payments.await(request.paymentNo(), WAIT);

    assertThat(result.status()).as(result.toString()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.failure()).contains("cancelled");
    assertThat(result.step(CREATE_ORDER).compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(result.step(CALL_PAYMENT_CHANNEL).compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    assertThat(audit.orderStatus()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(audit.isCompensatedCleanly()).isTrue();
    rig.recordHistory(request.sagaId(), "payment-cancelled");
  }

  @Test
  void aSecondStartOfThePaymentReturnsTheExistingRun() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest request = TestPayments.withCard("tok_visa");

    SagaStart first = rig.payments.start(request);
    SagaStart whileRunning = rig.payments.start(request);
    rig.payments.await(request.paymentNo(), WAIT);
    SagaStart afterEnd = rig.payments.start(request);

    assertThat(first.started()).isTrue();
    assertThat(whileRunning.started()).isFalse();
    assertThat(whileRunning.runId()).isEqualTo(first.runId());
    assertThat(afterEnd.started()).isFalse();
    assertThat(afterEnd.runId()).isEqualTo(first.runId());
    assertThat(rig.sandbox.audit(request.sagaId()).charges()).isEqualTo(1);
  }

  @Test
  void aBadRequestIsRefusedByTheClientBeforeAnythingStarts() {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest bad = new PaymentRequest(TestPayments.uniquePaymentNo("bad"), "m1", 100, "XYZ", "tok_visa");

    assertThatThrownBy(() -> rig.payments.start(bad))
        .isInstanceOf(InvalidPaymentRequestException.class)
        .hasMessageStartingWith("currency: ");
    assertThatThrownBy(() -> rig.payments.state(bad.paymentNo()))
        .isInstanceOf(org.paysaga.saga.SagaNotFoundException.class);
  }

  @Test
  void aBadRequestThatBypassedTheClientFailsTheWorkflowAndRunsNoActivity() {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest bad = new PaymentRequest(TestPayments.uniquePaymentNo("bad"), "m1", -5, "CNY", "tok_visa");
    PaymentSaga stub = rig.client.newWorkflowStub(PaymentSaga.class, WorkflowOptions.newBuilder()
        .setWorkflowId(bad.sagaId()).setTaskQueue(PaymentSagaTestRig.TASK_QUEUE).build());

    assertThatThrownBy(() -> stub.pay(bad))
        .isInstanceOf(WorkflowFailedException.class)
        .cause()
        .isInstanceOf(ApplicationFailure.class)
        .hasMessageContaining("amount: must be greater than zero");
    assertThat(rig.scheduledActivities(bad.sagaId())).isEmpty();
    assertThat(rig.payments.state(bad.paymentNo()).status()).isEqualTo(SagaStatus.FAILED);
    assertThat(rig.payments.state(bad.paymentNo()).failure()).contains("amount: must be greater than zero");
    rig.recordHistory(bad.sagaId(), "payment-invalid-request");
  }

  private static void assertGapsAbout(PaymentAudit audit, String activityType, long... expectedMillis) {
    assertThat(audit.attemptGapsMillis(activityType)).hasSize(expectedMillis.length);
    for (int i = 0; i < expectedMillis.length; i++) {
      // Skipped time is exact to the timer; allow for the attempt's own run time.
      assertThat(audit.attemptGapsMillis(activityType).get(i))
          .as("gap before attempt %d", i + 2)
          .isBetween(expectedMillis[i], expectedMillis[i] + 1_000);
    }
  }


  /** Timed-out attempts may still be running in the worker; wait until the last one has ended. */
  private PaymentAudit awaitQuietSandbox(String sagaId) {
    await().atMost(Duration.ofSeconds(10)).until(RunningCharges::none);
    return rig.sandbox.audit(sagaId);
  }
}
