package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.reliability.chaos.ChaosFixtures.AMOUNT;
import static org.paysaga.reliability.chaos.ChaosFixtures.DURATION;
import static org.paysaga.reliability.chaos.ChaosFixtures.completedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.completedSteps;
import static org.paysaga.reliability.chaos.ChaosFixtures.compensatedSteps;
import static org.paysaga.reliability.chaos.ChaosFixtures.dlqEntry;
import static org.paysaga.reliability.chaos.ChaosFixtures.ledger;
import static org.paysaga.reliability.chaos.ChaosFixtures.parkedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.parkedSteps;
import static org.paysaga.reliability.chaos.ChaosFixtures.payment;
import static org.paysaga.reliability.chaos.ChaosFixtures.reversedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.saga;
import static org.paysaga.reliability.chaos.ChaosFixtures.step;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.OrderStatus;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepStatus;

class PaymentAuditorTest {
  private static final PlannedPayment SUCCESS = payment(PaymentPath.SUCCESS);
  private static final PlannedPayment DECLINE = payment(PaymentPath.DECLINE);
  private static final PlannedPayment FROZEN = payment(PaymentPath.FROZEN_MERCHANT);
  private static final PlannedPayment NEVER_REFUNDED = payment(PaymentPath.REFUND_NEVER_SUCCEEDS);

  private static Verdict judge(PlannedPayment payment, SagaState saga, PaymentAudit audit) {
    return PaymentAuditor.judge(payment, Optional.of(saga), audit, Optional.empty());
  }

  private static Verdict judgeParked(PaymentAudit audit, DlqEntry entry) {
    return PaymentAuditor.judge(NEVER_REFUNDED, Optional.of(saga(NEVER_REFUNDED, SagaStatus.DLQ, parkedSteps())),
        audit, Optional.ofNullable(entry));
  }

  // ---- COMPLETED

  @Test
  void aCleanCompletedPaymentPasses() {
    PaymentAudit audit = completedLedger(SUCCESS).build();

    Verdict verdict = judge(SUCCESS, saga(SUCCESS, SagaStatus.COMPLETED, completedSteps()), audit);

    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(verdict.payment()).isSameAs(SUCCESS);
    assertThat(verdict.audit()).isSameAs(audit);
    assertThat(verdict.failure()).isNull();
    assertThat(verdict.attemptsTakenByFaults()).isZero();
    assertThat(verdict.durationMillis()).isEqualTo(DURATION);
    assertThat(verdict.unexpected()).isFalse();
  }

  @Test
  void aCompletedPaymentChargedTwiceIsAViolationNamingIt() {
    PaymentAudit audit = completedLedger(SUCCESS).charged(2, 2 * AMOUNT).build();

    Verdict verdict = judge(SUCCESS, saga(SUCCESS, SagaStatus.COMPLETED, completedSteps()), audit);

    assertThat(verdict.violations()).hasSize(2);
    assertThat(verdict.violations().get(0))
        .startsWith("COMPLETED but the ledger is not one charge and one credit of 1234: PaymentAudit[");
    assertThat(verdict.violations().get(1)).isEqualTo("charged 2 times");
    assertThat(verdict.doubleCharged()).isTrue();
  }

  @Test
  void aCompletedPaymentCreditedTheWrongAmountIsAViolation() {
    PaymentAudit audit = completedLedger(SUCCESS).credited(1, AMOUNT - 1).build();

    Verdict verdict = judge(SUCCESS, saga(SUCCESS, SagaStatus.COMPLETED, completedSteps()), audit);

    assertThat(verdict.violations()).singleElement(STRING)
        .startsWith("COMPLETED but the ledger is not one charge and one credit of 1234");
  }

  @Test
  void aDeclinedPaymentThatCompletesIsAViolation() {
    PaymentAudit audit = completedLedger(DECLINE).build();

    Verdict verdict = judge(DECLINE, saga(DECLINE, SagaStatus.COMPLETED, completedSteps()), audit);

    assertThat(verdict.violations()).containsExactly("COMPLETED, but path DECLINE must not complete");
    assertThat(verdict.unexpected()).isTrue();
  }

  // ---- COMPENSATED

  @Test
  void aCleanCompensationPasses() {
    PaymentAudit audit = reversedLedger(FROZEN).build();

    Verdict verdict = judge(FROZEN, saga(FROZEN, SagaStatus.COMPENSATED, compensatedSteps(), "frozen"), audit);

    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(verdict.failure()).isEqualTo("frozen");
    assertThat(verdict.durationMillis()).isEqualTo(DURATION);
    assertThat(verdict.orphanLedgerEntry()).isFalse();
  }

  @Test
  void aDeclineThatNeverChargedIsCompensatedCleanly() {
    PaymentAudit audit = ledger(DECLINE).order(OrderStatus.CANCELLED).attempts(CALL_PAYMENT_CHANNEL, 1).build();
    SagaState saga = saga(DECLINE, SagaStatus.COMPENSATED, List.of(
        step(CREATE_ORDER, StepStatus.SUCCEEDED, 1, StepStatus.SUCCEEDED, 1),
        step(CALL_PAYMENT_CHANNEL, StepStatus.FAILED, 1, StepStatus.SUCCEEDED, 1),
        step(CREDIT_MERCHANT, StepStatus.PENDING, 0),
        step(COMPLETE_ORDER, StepStatus.PENDING, 0)), "declined");

    Verdict verdict = judge(DECLINE, saga, audit);

    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.attemptsTakenByFaults()).isZero();
  }

  @Test
  void aCompensationThatLeftTheChargeIsAViolation() {
    PaymentAudit audit = reversedLedger(FROZEN).refunded(0, 0).build();

    Verdict verdict = judge(FROZEN, saga(FROZEN, SagaStatus.COMPENSATED, compensatedSteps()), audit);

    assertThat(verdict.violations()).singleElement(STRING)
        .startsWith("COMPENSATED but the ledger is not reversed: PaymentAudit[")
        .contains("refunds=0");
  }

  @Test
  void aCompensationThatLeftTheMerchantCreditIsAViolationAndAnOrphan() {
    PaymentAudit audit = reversedLedger(FROZEN).credited(1, AMOUNT).build();

    Verdict verdict = judge(FROZEN, saga(FROZEN, SagaStatus.COMPENSATED, compensatedSteps()), audit);

    assertThat(verdict.violations()).singleElement(STRING)
        .startsWith("COMPENSATED but the ledger is not reversed");
    assertThat(verdict.orphanLedgerEntry()).isTrue();
  }

  @Test
  void aCompensationRefundedTwiceIsAViolationNamingIt() {
    PaymentAudit audit = reversedLedger(FROZEN).charged(2, 2 * AMOUNT).refunded(2, 2 * AMOUNT).build();

    Verdict verdict = judge(FROZEN, saga(FROZEN, SagaStatus.COMPENSATED, compensatedSteps()), audit);

    assertThat(verdict.violations()).hasSize(3);
    assertThat(verdict.violations().get(0)).startsWith("COMPENSATED but the ledger is not reversed");
    assertThat(verdict.violations().subList(1, 3)).containsExactly("charged 2 times", "refunded 2 times");
  }

  @Test
  void aRefundThatAlwaysFailsMustNotEndCompensated() {
    PaymentAudit audit = reversedLedger(NEVER_REFUNDED).build();

    Verdict verdict = judge(NEVER_REFUNDED, saga(NEVER_REFUNDED, SagaStatus.COMPENSATED, compensatedSteps()), audit);

    assertThat(verdict.violations())
        .containsExactly("COMPENSATED, but path REFUND_NEVER_SUCCEEDS has a refund that always fails");
  }

  // ---- missing, still running, failed

  @Test
  void aMissingSagaIsAViolation() {
    PaymentAudit audit = ledger(SUCCESS).build();

    Verdict verdict = PaymentAuditor.judge(SUCCESS, Optional.empty(), audit, Optional.empty());

    assertThat(verdict.violations()).containsExactly("missing: Temporal has no saga payment-chaos-test-00001");
    assertThat(verdict.status()).isNull();
    assertThat(verdict.durationMillis()).isEqualTo(-1);
    assertThat(verdict.attemptsTakenByFaults()).isZero();
    assertThat(verdict.audit()).isSameAs(audit);
    assertThat(verdict.unexpected()).isTrue();
  }

  @Test
  void aSagaThatEndedOtherwiseIsAViolationWithItsFailure() {
    Verdict failed = judge(SUCCESS, saga(SUCCESS, SagaStatus.FAILED, completedSteps(), "bad request"),
        ledger(SUCCESS).build());
    Verdict running = judge(SUCCESS, saga(SUCCESS, SagaStatus.RUNNING, completedSteps()), ledger(SUCCESS).build());

    assertThat(failed.violations()).containsExactly("ended FAILED: bad request");
    assertThat(failed.durationMillis()).isEqualTo(-1);
    assertThat(running.violations()).containsExactly("ended RUNNING");
    assertThat(running.durationMillis()).isEqualTo(-1);
  }

  // ---- DLQ

  @Test
  void aDlqStatusWithoutAnEntryIsAViolation() {
    Verdict verdict = judgeParked(parkedLedger(NEVER_REFUNDED).build(), null);

    assertThat(verdict.violations()).containsExactly("DLQ status, but no entry in the DLQ");
    assertThat(verdict.status()).isEqualTo(SagaStatus.DLQ);
  }

  @Test
  void aDlqEntryThatMatchesTheLedgerPasses() {
    PaymentAudit audit = parkedLedger(NEVER_REFUNDED).build();

    Verdict verdict = judgeParked(audit, dlqEntry(NEVER_REFUNDED.sagaId(), parkedSteps()));

    assertThat(audit.charges()).isEqualTo(1);
    assertThat(audit.refunds()).isZero();
    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.status()).isEqualTo(SagaStatus.DLQ);
    assertThat(verdict.durationMillis()).isEqualTo(-1);
    assertThat(verdict.unexpected()).isFalse();
    assertThat(verdict.orphanLedgerEntry()).isFalse();
  }

  @Test
  void aDlqEntryWhoseRefundFailedIsAViolationWhenTheLedgerShowsARefund() {
    PaymentAudit audit = parkedLedger(NEVER_REFUNDED).refunded(1, AMOUNT).build();

    Verdict verdict = judgeParked(audit, dlqEntry(NEVER_REFUNDED.sagaId(), parkedSteps()));

    assertThat(verdict.violations()).singleElement(STRING)
        .startsWith("DLQ entry says CallPaymentChannel SUCCEEDED/compensation FAILED, "
            + "but the ledger shows it not in effect: PaymentAudit[");
  }

  @Test
  void aDlqEntryIsCheckedStepByStep() {
    // The entry says the order was cancelled, but the ledger still has it open.
    PaymentAudit audit = parkedLedger(NEVER_REFUNDED).order(OrderStatus.CREATED).build();

    Verdict verdict = judgeParked(audit, dlqEntry(NEVER_REFUNDED.sagaId(), parkedSteps()));

    assertThat(verdict.violations()).singleElement(STRING)
        .startsWith("DLQ entry says CreateOrder SUCCEEDED/compensation SUCCEEDED, but the ledger shows it in effect");
  }

  @Test
  void aDlqEntryOfAnotherSagaIsAViolation() {
    Verdict verdict = judgeParked(parkedLedger(NEVER_REFUNDED).build(), dlqEntry("payment-other", parkedSteps()));

    assertThat(verdict.violations()).containsExactly("DLQ entry names saga payment-other");
  }

  @Test
  void aDlqEntryOfACompletedSagaIsAViolation() {
    Verdict verdict = PaymentAuditor.judge(SUCCESS, Optional.of(saga(SUCCESS, SagaStatus.COMPLETED, completedSteps())),
        completedLedger(SUCCESS).build(), Optional.of(dlqEntry(SUCCESS.sagaId(), completedSteps())));

    assertThat(verdict.violations()).containsExactly("a DLQ entry exists, but the saga is COMPLETED");
  }

  @Test
  void whatADlqStepRecordImpliesForTheLedger() {
    assertThat(PaymentAuditor.mustBeInEffect(step(CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, 1, StepStatus.SUCCEEDED, 1)))
        .contains(false);
    assertThat(PaymentAuditor.mustBeInEffect(step(CALL_PAYMENT_CHANNEL, StepStatus.FAILED, 4, StepStatus.SUCCEEDED, 1)))
        .contains(false);
    assertThat(PaymentAuditor.mustBeInEffect(step(CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, 1, StepStatus.FAILED, 4)))
        .contains(true);
    assertThat(PaymentAuditor.mustBeInEffect(step(CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, 1, StepStatus.PENDING, 0)))
        .contains(true);
    assertThat(PaymentAuditor.mustBeInEffect(step(CALL_PAYMENT_CHANNEL, StepStatus.FAILED, 4, StepStatus.FAILED, 4)))
        .isEmpty();
    assertThat(PaymentAuditor.mustBeInEffect(step(COMPLETE_ORDER, StepStatus.PENDING, 0))).contains(false);
    assertThat(PaymentAuditor.mustBeInEffect(step(COMPLETE_ORDER, StepStatus.FAILED, 4))).contains(false);
  }

  @Test
  void whatTheLedgerShowsInEffect() {
    PaymentAudit parked = parkedLedger(NEVER_REFUNDED).build();
    PaymentAudit completed = completedLedger(SUCCESS).build();
    PaymentAudit reversed = completedLedger(SUCCESS).order(OrderStatus.CANCELLED).refunded(1, AMOUNT)
        .reversed(1, AMOUNT).build();

    assertThat(PaymentAuditor.inEffect(CREATE_ORDER, parked)).isFalse();
    assertThat(PaymentAuditor.inEffect(CALL_PAYMENT_CHANNEL, parked)).isTrue();
    assertThat(PaymentAuditor.inEffect(CREDIT_MERCHANT, parked)).isFalse();
    assertThat(PaymentAuditor.inEffect(COMPLETE_ORDER, parked)).isFalse();
    assertThat(PaymentAuditor.inEffect(CREATE_ORDER, completed)).isTrue();
    assertThat(PaymentAuditor.inEffect(CALL_PAYMENT_CHANNEL, completed)).isTrue();
    assertThat(PaymentAuditor.inEffect(CREDIT_MERCHANT, completed)).isTrue();
    assertThat(PaymentAuditor.inEffect(COMPLETE_ORDER, completed)).isTrue();
    assertThat(PaymentAuditor.inEffect(CALL_PAYMENT_CHANNEL, reversed)).isFalse();
    assertThat(PaymentAuditor.inEffect(CREDIT_MERCHANT, reversed)).isFalse();
    assertThatThrownBy(() -> PaymentAuditor.inEffect("RefundPayment", parked))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a payment step: RefundPayment");
  }

  // ---- attempts lost, duration

  @Test
  void attemptsLostCountsFailedStepsAttemptsTheSandboxNeverSaw() {
    SagaState saga = saga(SUCCESS, SagaStatus.COMPENSATED, List.of(
        step(CREATE_ORDER, StepStatus.SUCCEEDED, 3, StepStatus.SUCCEEDED, 1),
        step(CALL_PAYMENT_CHANNEL, StepStatus.FAILED, 4, StepStatus.SUCCEEDED, 1),
        step(CREDIT_MERCHANT, StepStatus.PENDING, 0),
        step(COMPLETE_ORDER, StepStatus.PENDING, 0)));
    // The sandbox saw 1 of 3 CreateOrder attempts (succeeded: not counted) and 3 of 4 charges.
    PaymentAudit audit = reversedLedger(SUCCESS).attempts(CREATE_ORDER, 1).attempts(CALL_PAYMENT_CHANNEL, 3).build();

    assertThat(PaymentAuditor.attemptsLost(saga, audit)).isEqualTo(1);
    Verdict verdict = judge(SUCCESS, saga, audit);
    // tok_visa scripts no failure: all 4 failed charge attempts were the faults' (3 stalled, 1 lost).
    assertThat(verdict.attemptsTakenByFaults()).isEqualTo(4);
    assertThat(verdict.retryBudgetSpentOnFaults()).isTrue();
  }

  @Test
  void attemptsLostAddsUpOverFailedStepsAndNeverGoesNegative() {
    SagaState saga = saga(SUCCESS, SagaStatus.FAILED, List.of(
        step(CREATE_ORDER, StepStatus.FAILED, 4),
        step(CALL_PAYMENT_CHANNEL, StepStatus.FAILED, 4),
        step(CREDIT_MERCHANT, StepStatus.FAILED, 2)));

    assertThat(PaymentAuditor.attemptsLost(saga, ledger(SUCCESS).build())).isEqualTo(10);
    assertThat(PaymentAuditor.attemptsLost(saga, ledger(SUCCESS).attempts(CREATE_ORDER, 1)
        .attempts(CALL_PAYMENT_CHANNEL, 4).attempts(CREDIT_MERCHANT, 5).build())).isEqualTo(3);
    assertThat(PaymentAuditor.attemptsLost(saga(SUCCESS, SagaStatus.COMPLETED, completedSteps()),
        ledger(SUCCESS).build())).isZero();
  }

  @Test
  void durationIsUpdatedMinusStartedForFinishedSagasOnly() {
    SagaState completed = new SagaState(SUCCESS.sagaId(), "PaymentSaga", "chaos-test-00001", SagaStatus.COMPLETED,
        completedSteps(), null, null, 1_000, 58_500);
    SagaState parked = new SagaState(NEVER_REFUNDED.sagaId(), "PaymentSaga", "chaos-test-00001", SagaStatus.DLQ,
        parkedSteps(), "refund", null, 1_000, 58_500);

    assertThat(judge(SUCCESS, completed, completedLedger(SUCCESS).build()).durationMillis()).isEqualTo(57_500);
    assertThat(PaymentAuditor.judge(NEVER_REFUNDED, Optional.of(parked), parkedLedger(NEVER_REFUNDED).build(),
        Optional.of(dlqEntry(NEVER_REFUNDED.sagaId(), parkedSteps()))).durationMillis()).isEqualTo(-1);
  }
}
