package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.saga.SagaTestbed.CALLS_UNTIL_PARKED;
import static org.paysaga.saga.StepStatus.RUNNING;
import static org.paysaga.saga.StepStatus.SUCCEEDED;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRefusals;

/**
 * A saga parked in the DLQ and the operator's signals: {@code retryCompensation} ({@code DLQ ->
 * COMPENSATING -> COMPENSATED}, or back to {@code DLQ} when it fails again; {@code DLQ -> RUNNING ->
 * COMPLETED} for a step past the pivot) and {@code resolve(note)} ({@code DLQ -> RESOLVED}).
 */
class SagaRunDlqTest {
  private static final Duration A_RETRY_ROUND = Duration.ofMinutes(1);

  private final SagaTestbed bed = SagaTestbed.start();

  @AfterEach
  void close() {
    bed.close();
  }

  @Test
  void retryCompensationRunsTheOutstandingCompensationWhileCompensatingThenEndsCompensated() {
    StepScript refund = StepScript.failsThenHangs(CALLS_UNTIL_PARKED);
    WorkflowStub saga = parkThenRetry(refund);

    SagaState retrying = SagaTestbed.state(saga);

    // Out of the DLQ while the retry runs.
    assertThat(retrying.status()).isEqualTo(SagaStatus.COMPENSATING);
    assertThat(retrying.step(CALL_PAYMENT_CHANNEL).compensationStatus()).isEqualTo(RUNNING);

    refund.release();
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.steps()).extracting(StepState::compensationStatus).containsOnly(SUCCEEDED, StepStatus.NOT_REQUIRED);
    assertThat(refund.callCount()).isEqualTo(CALLS_UNTIL_PARKED + 1);
    // Only the outstanding compensation ran again.
    verify(bed.payments).cancelOrder(any());
    verify(bed.payments).reverseMerchantCredit(any());
    InOrder lifecycle = inOrder(bed.lifecycle);
    lifecycle.verify(bed.lifecycle).register(result.sagaId(), result.startedAtMillis());
    lifecycle.verify(bed.lifecycle).park(any());
    lifecycle.verify(bed.lifecycle).finish(result.sagaId());
    assertThat(bed.parkedEntries()).hasSize(1);
  }

  @Test
  void aResolveWhileTheOperatorsRetryRunsIsRefusedNotKeptForLater() {
    StepScript refund = StepScript.failsHangingOnceAfter(CALLS_UNTIL_PARKED);
    WorkflowStub saga = parkThenRetry(refund);

    saga.signal(SagaWorkflow.RESOLVE_SIGNAL, "refunded by hand");
    refund.release();
    bed.skip(A_RETRY_ROUND);

    // The retry failed: the saga parks again and waits; the resolve sent while it ran did not count.
    SagaState parkedAgain = SagaTestbed.state(saga);
    assertThat(parkedAgain.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(parkedAgain.note()).isNull();
    assertThat(bed.parkedEntries()).extracting(DlqEntry::retries).containsExactly(0, 1);

    saga.signal(SagaWorkflow.RESOLVE_SIGNAL, "refunded by hand, now");
    SagaState result = SagaTestbed.result(saga);
    assertThat(result.status()).isEqualTo(SagaStatus.RESOLVED);
    assertThat(result.note()).isEqualTo("refunded by hand, now");
  }

  @Test
  void aRetryThatFailsAgainParksTheSagaAgainAndALaterRetryCanStillWork() {
    // The first operator retry's round of four fails too; the second retry works.
    StepScript refund = StepScript.fails(CALLS_UNTIL_PARKED + 4);
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);
    bed.skipUntilParked(saga);

    saga.signal(SagaWorkflow.RETRY_SIGNAL);
    bed.skip(A_RETRY_ROUND);

    SagaState parkedAgain = SagaTestbed.state(saga);
    assertThat(parkedAgain.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(refund.callCount()).isEqualTo(CALLS_UNTIL_PARKED + 4);
    List<DlqEntry> entries = bed.parkedEntries();
    assertThat(entries).extracting(DlqEntry::retries).containsExactly(0, 1);
    assertThat(entries).extracting(DlqEntry::sagaId).containsOnly(parkedAgain.sagaId());
    assertThat(entries).extracting(DlqEntry::source).containsOnly(DlqEntry.SOURCE_RECOVERY);
    assertThat(entries.get(1).reason()).isEqualTo("recovery gave up: RefundPayment: unavailable [ServiceUnavailable]");
    assertThat(entries.get(1).dlqAtMillis()).isGreaterThan(entries.get(0).dlqAtMillis());
    assertThat(entries.get(1).firstFailureAtMillis()).isEqualTo(entries.get(0).firstFailureAtMillis());
    verify(bed.lifecycle, never()).finish(any());

    saga.signal(SagaWorkflow.RETRY_SIGNAL);
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(refund.callCount()).isEqualTo(CALLS_UNTIL_PARKED + 5);
    verify(bed.lifecycle).finish(result.sagaId());
  }

  @Test
  void aRefusedCompensationParkedAtOnceIsCompensatedByARetryOnceTheCauseIsFixed() {
    StepScript refund = StepScript.refuses(PaymentRefusals.REFUND_REFUSED, 1);
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);
    bed.skip(A_RETRY_ROUND);
    assertThat(SagaTestbed.state(saga).status()).isEqualTo(SagaStatus.DLQ);

    saga.signal(SagaWorkflow.RETRY_SIGNAL);
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(refund.attempts()).containsExactly(1, 1);
    assertThat(result.step(CALL_PAYMENT_CHANNEL).compensationStatus()).isEqualTo(SUCCEEDED);
  }

  @Test
  void resolveClosesAParkedSagaWithTheOperatorsNote() {
    StepScript refund = StepScript.alwaysFails();
    WorkflowStub saga = bed.startFrozenMerchantPayment(refund);
    bed.skipUntilParked(saga);

    saga.signal(SagaWorkflow.RESOLVE_SIGNAL, "refunded by hand, ticket OPS-42");
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.RESOLVED);
    assertThat(result.note()).isEqualTo("refunded by hand, ticket OPS-42");
    // Resolving runs nothing: the outstanding compensation stays failed, as the operator found it.
    assertThat(refund.callCount()).isEqualTo(CALLS_UNTIL_PARKED);
    assertThat(result.step(CALL_PAYMENT_CHANNEL).compensationStatus()).isEqualTo(StepStatus.FAILED);
    InOrder lifecycle = inOrder(bed.lifecycle);
    lifecycle.verify(bed.lifecycle).park(any());
    lifecycle.verify(bed.lifecycle).finish(result.sagaId());
  }

  @Test
  void aResolveWithoutANoteSaysAnOperatorResolvedIt() {
    WorkflowStub saga = bed.startFrozenMerchantPayment(StepScript.alwaysFails());
    bed.skipUntilParked(saga);

    saga.signal(SagaWorkflow.RESOLVE_SIGNAL, " ");
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.RESOLVED);
    assertThat(result.note()).isEqualTo("resolved by an operator");
  }

  @Test
  void retryOfAStepPastThePivotRunsItForwardAndCompletesTheSaga() {
    StepScript complete = bed.payment(PaymentActivities::completeOrder, StepScript.failsThenHangs(CALLS_UNTIL_PARKED));
    WorkflowStub saga = retryOnceParked(bed.startPayment(bed.newPayment()), complete);

    SagaState retrying = SagaTestbed.state(saga);
    assertThat(retrying.status()).isEqualTo(SagaStatus.RUNNING);
    assertThat(retrying.step(COMPLETE_ORDER).status()).isEqualTo(RUNNING);

    complete.release();
    SagaState result = SagaTestbed.result(saga);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.step(COMPLETE_ORDER).status()).isEqualTo(SUCCEEDED);
    verify(bed.payments, never()).reverseMerchantCredit(any());
    verify(bed.payments, never()).refundPayment(any());
    verify(bed.payments, never()).cancelOrder(any());
    verify(bed.lifecycle).finish(result.sagaId());
  }

  /** A frozen-merchant payment whose refund follows the script, parked, then retried: the retry's refund is running. */
  private WorkflowStub parkThenRetry(StepScript refund) {
    return retryOnceParked(bed.startFrozenMerchantPayment(refund), refund);
  }

  /** Once the saga parked, signals the operator's retry and waits until it calls the outstanding activity again. */
  private WorkflowStub retryOnceParked(WorkflowStub saga, StepScript outstanding) {
    bed.skipUntilParked(saga);
    saga.signal(SagaWorkflow.RETRY_SIGNAL);
    outstanding.awaitCalls(CALLS_UNTIL_PARKED + 1);
    return saga;
  }
}
