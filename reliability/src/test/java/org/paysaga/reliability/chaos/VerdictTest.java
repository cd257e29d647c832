package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.reliability.chaos.ChaosFixtures.AMOUNT;
import static org.paysaga.reliability.chaos.ChaosFixtures.completedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.ledger;
import static org.paysaga.reliability.chaos.ChaosFixtures.payment;
import static org.paysaga.reliability.chaos.ChaosFixtures.verdict;
import static org.paysaga.reliability.chaos.ChaosFixtures.withAudit;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.OrderStatus;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.SagaStatus;

class VerdictTest {

  @Test
  void theRetryBudgetIsSpentOnFaultsWhenAShouldSucceedPaymentCompensatedAfterLostAttempts() {
    assertThat(verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPENSATED, 1_000, 1).retryBudgetSpentOnFaults()).isTrue();
    assertThat(verdict(0, PaymentPath.FLAKY_CHARGE, SagaStatus.COMPENSATED, 1_000, 2).retryBudgetSpentOnFaults())
        .isTrue();
    assertThat(verdict(0, PaymentPath.FLAKY_MERCHANT, SagaStatus.COMPENSATED, 1_000, 1).retryBudgetSpentOnFaults())
        .isTrue();
  }

  @Test
  void theRetryBudgetIsNotSpentOnFaultsOtherwise() {
    // No attempt lost: the path's own failures ran out the retries.
    assertThat(verdict(0, PaymentPath.FLAKY_CHARGE, SagaStatus.COMPENSATED, 1_000, 0).retryBudgetSpentOnFaults())
        .isFalse();
    // Completed anyway.
    assertThat(verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000, 1).retryBudgetSpentOnFaults()).isFalse();
    // Should compensate anyway.
    assertThat(verdict(0, PaymentPath.DECLINE, SagaStatus.COMPENSATED, 1_000, 2).retryBudgetSpentOnFaults()).isFalse();
    assertThat(verdict(0, PaymentPath.FLAKY_CHARGE_EXHAUSTED, SagaStatus.COMPENSATED, 1_000, 1)
        .retryBudgetSpentOnFaults()).isFalse();
    // Not compensated.
    assertThat(verdict(0, PaymentPath.SUCCESS, SagaStatus.DLQ, 1_000, 1).retryBudgetSpentOnFaults()).isFalse();
    assertThat(verdict(0, PaymentPath.SUCCESS, SagaStatus.FAILED, 1_000, 1).retryBudgetSpentOnFaults()).isFalse();
    assertThat(verdict(0, PaymentPath.SUCCESS, null, 1_000, 1).retryBudgetSpentOnFaults()).isFalse();
  }

  @Test
  void anOutcomeIsUnexpectedWhenItIsNotThePathsUsualEnd() {
    assertThat(verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000).unexpected()).isFalse();
    assertThat(verdict(0, PaymentPath.DECLINE, SagaStatus.COMPENSATED, 1_000).unexpected()).isFalse();
    assertThat(verdict(0, PaymentPath.SLOW_PAST_TIMEOUT, SagaStatus.COMPENSATED, 1_000).unexpected()).isFalse();
    assertThat(verdict(0, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.DLQ, 1_000).unexpected()).isFalse();

    assertThat(verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPENSATED, 1_000).unexpected()).isTrue();
    assertThat(verdict(0, PaymentPath.FLAKY_CHARGE, SagaStatus.DLQ, 1_000).unexpected()).isTrue();
    assertThat(verdict(0, PaymentPath.DECLINE, SagaStatus.COMPLETED, 1_000).unexpected()).isTrue();
    assertThat(verdict(0, PaymentPath.REFUND_RECOVERS, SagaStatus.DLQ, 1_000).unexpected()).isTrue();
    assertThat(verdict(0, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.COMPENSATED, 1_000).unexpected()).isTrue();
    assertThat(verdict(0, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.RECOVERING, 1_000).unexpected()).isTrue();
    assertThat(verdict(0, PaymentPath.SUCCESS, null, 1_000).unexpected()).isTrue();
  }

  @Test
  void anOrphanLedgerEntryIsMerchantMoneyLeftByASagaThatNeitherCompletedNorParked() {
    PlannedPayment payment = payment(PaymentPath.FROZEN_MERCHANT);
    PaymentAudit creditLeft = ledger(payment).order(OrderStatus.CANCELLED).credited(1, AMOUNT).build();
    PaymentAudit creditReversed = ledger(payment).order(OrderStatus.CANCELLED).credited(1, AMOUNT)
        .reversed(1, AMOUNT).build();

    assertThat(withAudit(verdict(0, PaymentPath.FROZEN_MERCHANT, SagaStatus.COMPENSATED, 1_000), creditLeft)
        .orphanLedgerEntry()).isTrue();
    assertThat(withAudit(verdict(0, PaymentPath.FROZEN_MERCHANT, SagaStatus.FAILED, 1_000), creditLeft)
        .orphanLedgerEntry()).isTrue();
    assertThat(withAudit(verdict(0, PaymentPath.FROZEN_MERCHANT, null, 1_000), creditLeft)
        .orphanLedgerEntry()).isTrue();

    assertThat(withAudit(verdict(0, PaymentPath.FROZEN_MERCHANT, SagaStatus.COMPENSATED, 1_000), creditReversed)
        .orphanLedgerEntry()).isFalse();
    assertThat(withAudit(verdict(0, PaymentPath.FROZEN_MERCHANT, SagaStatus.DLQ, 1_000), creditLeft)
        .orphanLedgerEntry()).isFalse();
    assertThat(withAudit(verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000),
        completedLedger(payment(PaymentPath.SUCCESS)).build()).orphanLedgerEntry()).isFalse();
    assertThat(withAudit(verdict(0, PaymentPath.FROZEN_MERCHANT, SagaStatus.COMPENSATED, 1_000), null)
        .orphanLedgerEntry()).isFalse();
  }

  @Test
  void onlyCompletedAndCompensatedSagasFinished() {
    assertThat(verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000).finished()).isTrue();
    assertThat(verdict(0, PaymentPath.DECLINE, SagaStatus.COMPENSATED, 1_000).finished()).isTrue();
    assertThat(verdict(0, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.DLQ, 1_000).finished()).isFalse();
    assertThat(verdict(0, PaymentPath.SUCCESS, SagaStatus.RUNNING, 1_000).finished()).isFalse();
    assertThat(verdict(0, PaymentPath.SUCCESS, null, 1_000).finished()).isFalse();
  }

  @Test
  void doubleChargesAndRefundsComeFromTheLedgerAndNeedOne() {
    Verdict completed = verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000);
    PlannedPayment payment = completed.payment();

    assertThat(completed.doubleCharged()).isFalse();
    assertThat(completed.doubleRefunded()).isFalse();
    assertThat(withAudit(completed, completedLedger(payment).charged(2, 2 * AMOUNT).build()).doubleCharged()).isTrue();
    assertThat(withAudit(completed, completedLedger(payment).refunded(2, 2 * AMOUNT).build()).doubleRefunded())
        .isTrue();
    assertThat(withAudit(completed, null).doubleCharged()).isFalse();
    assertThat(withAudit(completed, null).doubleRefunded()).isFalse();
  }

  @Test
  void theViolationsAreACopy() {
    List<String> violations = new ArrayList<>(List.of("one"));
    Verdict verdict = new Verdict(payment(PaymentPath.SUCCESS), SagaStatus.COMPLETED, 1, null, null, 0, violations);
    violations.add("two");

    assertThat(verdict.violations()).containsExactly("one");
    assertThatThrownBy(() -> verdict.violations().add("three")).isInstanceOf(UnsupportedOperationException.class);
  }
}
