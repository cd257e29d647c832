package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.saga.StepStatus.FAILED;
import static org.paysaga.saga.StepStatus.NOT_REQUIRED;
import static org.paysaga.saga.StepStatus.PENDING;
import static org.paysaga.saga.StepStatus.SUCCEEDED;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRefusals;

/**
 * {@code COMPENSATING -> RECOVERING -> COMPENSATED | DLQ}, and a step past the pivot that gives up
 * ({@code RUNNING -> RECOVERING -> COMPLETED | DLQ}): the outstanding work runs again on a durable
 * timer every recovery interval (5 min here) until the give-up window (20 min) closes. Time is
 * skipped; a test runs in well under a second.
 */
class SagaRunRecoveryTest {
  private static final long INTERVAL = SagaTestbed.SETTINGS.recoveryInterval().toMillis();
  private static final long GIVE_UP_AFTER = SagaTestbed.SETTINGS.giveUpAfter().toMillis();
  private static final Duration LESS_THAN_AN_INTERVAL = Duration.ofMinutes(1);
  /** Slack for the attempt's own run time on the skipped clock. */
  private static final long SLACK = 1_000;

  private final SagaTestbed bed = SagaTestbed.start();

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void aCompensationThatFailsItsRoundRecoversOnTheNextTimerAndTheOthersRunMeanwhile() {
    // The first round's four attempts fail; the first recovery round's first attempt works.
    StepScript refund = StepScript.fails(4);
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);
    bed.skip(LESS_THAN_AN_INTERVAL);

    SagaState recovering = SagaTestbed.state(saga);

    assertThat(recovering.status()).isEqualTo(SagaStatus.RECOVERING);
    assertThat(recovering.step(CALL_PAYMENT_CHANNEL)).isEqualTo(new StepState(CALL_PAYMENT_CHANNEL, SUCCEEDED, 1,
        REFUND_PAYMENT, FAILED, 4, "RefundPayment: unavailable [ServiceUnavailable]"));
    // One failed compensation does not stop the one before it.
    assertThat(recovering.step(CREATE_ORDER).compensationStatus()).isEqualTo(SUCCEEDED);
    assertThat(refund.callCount()).isEqualTo(4);

    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(refund.attempts()).containsExactly(1, 2, 3, 4, 1);
    assertThat(refund.gapsMillis().get(3)).as("wait for the recovery round").isBetween(INTERVAL, INTERVAL + SLACK);
    // The last error stays on record; the compensation took effect at the round's first attempt.
    assertThat(result.step(CALL_PAYMENT_CHANNEL)).isEqualTo(new StepState(CALL_PAYMENT_CHANNEL, SUCCEEDED, 1,
        REFUND_PAYMENT, SUCCEEDED, 1, "RefundPayment: unavailable [ServiceUnavailable]"));
    // Compensations already done are not run again by the recovery round.
    verify(bed.payments).cancelOrder(any());
    verify(bed.payments).reverseMerchantCredit(any());
    InOrder lifecycle = inOrder(bed.lifecycle);
    lifecycle.verify(bed.lifecycle).register(result.sagaId(), result.startedAtMillis());
    lifecycle.verify(bed.lifecycle).settings();
    lifecycle.verify(bed.lifecycle).finish(result.sagaId());
    verify(bed.lifecycle, never()).park(any());
  }

  @Test
  void aCompensationThatNeverWorksIsRetriedEveryIntervalThenParkedInTheDlq() {
    StepScript refund = StepScript.alwaysFails();
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);

    SagaState parked = bed.skipPastGiveUp(saga);

    assertThat(parked.status()).isEqualTo(SagaStatus.DLQ);
    // The first round, then a round each interval until the window closes: 20 min / 5 min = 4 more.
    assertThat(refund.callCount()).isEqualTo(SagaTestbed.CALLS_UNTIL_PARKED);
    for (int round = 1; round < 4; round++) {
      assertThat(refund.gapsMillis().get(round * 4 - 1)).as("wait before recovery round %d", round)
          .isBetween(INTERVAL, INTERVAL + SLACK);
    }
    assertThat(refund.times().get(16) - refund.times().get(3))
        .as("the last round starts when the give-up window closes")
        .isBetween(GIVE_UP_AFTER, GIVE_UP_AFTER + SLACK);
    DlqEntry entry = bed.parkedEntries().get(0);
    assertThat(bed.parkedEntries()).hasSize(1);
    assertThat(entry.sagaId()).isEqualTo(parked.sagaId());
    assertThat(entry.workflowId()).isEqualTo(parked.sagaId());
    assertThat(entry.runId()).isEqualTo(saga.getExecution().getRunId());
    assertThat(entry.sagaType()).isEqualTo("PaymentSaga");
    assertThat(entry.businessKey()).isEqualTo("P1001");
    assertThat(entry.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "paymentNo", "P1001", "merchantId", "m_shop", "amount", "12.34", "currency", "CNY"));
    assertThat(entry.reason()).isEqualTo("recovery gave up: RefundPayment: unavailable [ServiceUnavailable]");
    assertThat(entry.failureChain()).containsExactly(
        "CreditMerchant: refused [MerchantFrozen]", "RefundPayment: unavailable [ServiceUnavailable]");
    assertThat(entry.steps()).isEqualTo(parked.steps());
    assertThat(entry.firstFailureAtMillis()).isBetween(refund.times().get(3), refund.times().get(3) + SLACK);
    assertThat(entry.dlqAtMillis() - entry.firstFailureAtMillis()).isBetween(GIVE_UP_AFTER, GIVE_UP_AFTER + 60_000);
    assertThat(entry.retries()).isZero();
    assertThat(entry.source()).isEqualTo(DlqEntry.SOURCE_RECOVERY);
    assertThat(entry.sagaWaiting()).isTrue();
    assertThat(entry.input()).isNotNull();
    verify(bed.lifecycle, never()).finish(anyString());

    // Parked, it waits for an operator: no timer, no attempt, however long.
    bed.skip(Duration.ofDays(3));
    assertThat(SagaTestbed.state(saga).status()).isEqualTo(SagaStatus.DLQ);
    assertThat(refund.callCount()).isEqualTo(SagaTestbed.CALLS_UNTIL_PARKED);
  }

  @Test
  void aNonRetryableCompensationFailureParksAtOnceWithoutWaiting() {
    StepScript refund = StepScript.refuses(PaymentRefusals.REFUND_REFUSED);
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);
    bed.skip(LESS_THAN_AN_INTERVAL);

    SagaState parked = SagaTestbed.state(saga);

    assertThat(parked.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(refund.attempts()).containsExactly(1);
    assertThat(parked.step(CALL_PAYMENT_CHANNEL).lastError()).isEqualTo("RefundPayment: refused [RefundRefused]");
    assertThat(parked.step(CALL_PAYMENT_CHANNEL).compensationAttempts()).isEqualTo(1);
    DlqEntry entry = bed.parkedEntries().get(0);
    assertThat(entry.reason()).isEqualTo("non-retryable failure: RefundPayment: refused [RefundRefused]");
    assertThat(entry.dlqAtMillis() - entry.firstFailureAtMillis()).isLessThan(INTERVAL);
  }

  @Test
  void aRefusalOnlyThePolicysDoNotRetryListNamesAlsoParksAtOnce() {
    StepScript refund = StepScript.failsAs(PaymentRefusals.REFUND_REFUSED);
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);
    bed.skip(LESS_THAN_AN_INTERVAL);

    SagaState parked = SagaTestbed.state(saga);

    assertThat(refund.attempts()).as("the retry policy does not retry it").containsExactly(1);
    assertThat(parked.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(bed.parkedEntries()).singleElement().extracting(DlqEntry::reason)
        .isEqualTo("non-retryable failure: RefundPayment: unavailable [RefundRefused]");
  }

  @Test
  void retryCompensationCutsARecoveryWaitShort() {
    StepScript refund = StepScript.fails(4);
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);
    bed.skip(LESS_THAN_AN_INTERVAL);
    assertThat(SagaTestbed.state(saga).status()).isEqualTo(SagaStatus.RECOVERING);

    saga.signal(SagaWorkflow.RETRY_SIGNAL);
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(refund.callCount()).isEqualTo(5);
    assertThat(refund.gapsMillis().get(3)).as("the signal, not the timer").isLessThan(INTERVAL);
  }

  @Test
  void aResolveWhileTheSagaRecoversIsRefusedNotKeptForLater() {
    WorkflowStub saga = bed.startFrozenMerchantPayment(StepScript.alwaysFails());
    bed.skip(LESS_THAN_AN_INTERVAL);

    saga.signal(SagaWorkflow.RESOLVE_SIGNAL, "refunded by hand");
    SagaState parked = bed.skipPastGiveUp(saga);

    // Only a saga parked in the DLQ takes resolve: this one recovered on, then parked, unresolved.
    assertThat(parked.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(parked.note()).isNull();
    verify(bed.lifecycle, never()).finish(anyString());
  }

  @Test
  void aStepPastThePivotThatGivesUpIsRetriedNotCompensatedAndCompletes() {
    StepScript complete = bed.payment(PaymentActivities::completeOrder, StepScript.fails(4));
    WorkflowStub saga = bed.startPayment(bed.newPayment());
    bed.skip(LESS_THAN_AN_INTERVAL);

    SagaState recovering = SagaTestbed.state(saga);

    assertThat(recovering.status()).isEqualTo(SagaStatus.RECOVERING);
    assertThat(recovering.step(COMPLETE_ORDER)).isEqualTo(new StepState(COMPLETE_ORDER, FAILED, 4, null,
        NOT_REQUIRED, 0, "CompleteOrder: unavailable [ServiceUnavailable]"));

    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(complete.attempts()).containsExactly(1, 2, 3, 4, 1);
    assertThat(complete.gapsMillis().get(3)).isBetween(INTERVAL, INTERVAL + SLACK);
    assertThat(result.step(COMPLETE_ORDER).status()).isEqualTo(SUCCEEDED);
    assertThat(result.steps()).extracting(StepState::compensationStatus)
        .containsExactly(PENDING, PENDING, PENDING, NOT_REQUIRED);
    assertNothingCompensated();
    verify(bed.lifecycle).finish(result.sagaId());
  }

  @Test
  void aStepPastThePivotThatNeverWorksParksTheSagaInTheDlqUncompensated() {
    StepScript complete = bed.payment(PaymentActivities::completeOrder, StepScript.alwaysFails());
    WorkflowStub saga = bed.startPayment(bed.newPayment());

    SagaState parked = bed.skipPastGiveUp(saga);

    assertThat(parked.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(complete.callCount()).isEqualTo(SagaTestbed.CALLS_UNTIL_PARKED);
    assertThat(parked.step(CREDIT_MERCHANT).compensationStatus()).isEqualTo(PENDING);
    assertThat(bed.parkedEntries()).singleElement().satisfies(entry -> {
      assertThat(entry.reason()).isEqualTo("recovery gave up: CompleteOrder: unavailable [ServiceUnavailable]");
      assertThat(entry.failureChain()).containsExactly("CompleteOrder: unavailable [ServiceUnavailable]");
    });
    assertNothingCompensated();
    verify(bed.lifecycle, atLeastOnce()).settings();
    verify(bed.lifecycle, times(0)).finish(anyString());
  }

  private void assertNothingCompensated() {
    verify(bed.payments, never()).reverseMerchantCredit(any());
    verify(bed.payments, never()).refundPayment(any());
    verify(bed.payments, never()).cancelOrder(any());
  }
}
