package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Named.named;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.paysaga.payment.PaymentRefusals.CARD_DECLINED;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.saga.StepStatus.FAILED;
import static org.paysaga.saga.StepStatus.SUCCEEDED;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.paysaga.payment.PaymentActivities;

/**
 * A step or a compensation that exhausts its four attempts (2/4/8 s apart), by errors or by
 * timeouts. An attempt that timed out has an unknown outcome, so the saga treats it as possibly
 * done: a charge that timed out is refunded. The charge's timeout (which its refund shares) is cut to half a second, as
 * {@code saga.steps.CallPaymentChannel.start-to-close} would, so a hanging attempt times out fast:
 * the test server does not skip time while an activity runs.
 */
class SagaRunExhaustedAttemptsTest {
  private static final Duration CHARGE_TIMEOUT = Duration.ofMillis(500);
  private static final String TIMED_OUT = "timed out (START_TO_CLOSE)";

  private final SagaTestbed bed = SagaTestbed.withStepTimeouts(Map.of(CALL_PAYMENT_CHANNEL, CHARGE_TIMEOUT));

  @AfterEach
  void close() {
    bed.close();
  }

  /** Four failed attempts, and the error the saga reports for the last. */
  static Stream<Arguments> chargesThatFailForGood() {
    return Stream.of(
        arguments(named("every attempt fails", StepScript.alwaysFails()), "unavailable [ServiceUnavailable]"),
        // A timed-out last attempt reports no attempt of its own: the retry policy's maximum was reached.
        arguments(named("every attempt times out", StepScript.hangs()), TIMED_OUT));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chargesThatFailForGood")
  void aChargeThatExhaustsItsAttemptsIsRefundedThenTheOrderCancelled(StepScript script, String error) {
    StepScript charge = bed.payment(PaymentActivities::callPaymentChannel, script);

    WorkflowStub saga = bed.startPayment(bed.newPayment());
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(charge.attempts()).containsExactly(1, 2, 3, 4);
    StepState step = result.step(CALL_PAYMENT_CHANNEL);
    assertThat(step.status()).isEqualTo(FAILED);
    assertThat(step.attempts()).isEqualTo(4);
    assertThat(step.lastError()).isEqualTo("CallPaymentChannel: " + error);
    // Even a charge that timed out may have gone through: it is refunded.
    assertThat(step.compensationStatus()).isEqualTo(SUCCEEDED);
    assertThat(bed.scheduledActivities(saga))
        .containsExactly(CREATE_ORDER, CALL_PAYMENT_CHANNEL, REFUND_PAYMENT, CANCEL_ORDER);
    assertThat(bed.scheduledTimeouts(saga)).containsEntry(CALL_PAYMENT_CHANNEL, CHARGE_TIMEOUT)
        .containsEntry(REFUND_PAYMENT, CHARGE_TIMEOUT);
  }

  @Test
  void aRefundWhoseRoundTimedOutRecoversOnTheNextTimer() {
    bed.payment(PaymentActivities::callPaymentChannel, StepScript.refuses(CARD_DECLINED));
    StepScript refund = bed.payment(PaymentActivities::refundPayment, StepScript.hangs(4));
    WorkflowStub saga = bed.startPayment(bed.newPayment());
    bed.skip(Duration.ofMinutes(1));

    SagaState recovering = SagaTestbed.state(saga);

    assertThat(recovering.status()).isEqualTo(SagaStatus.RECOVERING);
    StepState step = recovering.step(CALL_PAYMENT_CHANNEL);
    assertThat(step.compensationStatus()).isEqualTo(FAILED);
    assertThat(step.compensationAttempts()).isEqualTo(4);
    assertThat(step.lastError()).isEqualTo("RefundPayment: " + TIMED_OUT);

    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.step(CALL_PAYMENT_CHANNEL).compensationStatus()).isEqualTo(SUCCEEDED);
    assertThat(refund.attempts()).containsExactly(1, 2, 3, 4, 1);
  }
}
