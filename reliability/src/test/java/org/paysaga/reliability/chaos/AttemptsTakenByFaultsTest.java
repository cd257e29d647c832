package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.reliability.chaos.ChaosFixtures.reversedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.saga;
import static org.paysaga.reliability.chaos.ChaosFixtures.step;
import static org.paysaga.reliability.chaos.ChaosFixtures.verdicts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/** Which failed attempts the faults took, as against the failures a payment's magic values script. */
class AttemptsTakenByFaultsTest {
  private static final PlannedPayment FLAKY_3 = new PlannedPayment(0, PaymentPath.FLAKY_CHARGE,
      new PaymentRequest("chaos-test-00001", "m_chaos_0", 1234, "CNY", "tok_flaky_3"));
  private static final PlannedPayment MERCHANT_FLAKY_2 = new PlannedPayment(1, PaymentPath.FLAKY_MERCHANT,
      new PaymentRequest("chaos-test-00002", "m_flaky_2", 1234, "CNY", "tok_visa"));

  @Test
  void aStalledFourthChargeThatTheSandboxSawStillCountsAsTheFaults() {
    // Seen in CI: tok_flaky_3's fourth attempt reached the sandbox while Redis restarted and timed out.
    SagaState saga = saga(FLAKY_3, SagaStatus.COMPENSATED, chargeFailed(4));
    PaymentAudit audit = reversedLedger(FLAKY_3).attempts(CREATE_ORDER, 1).attempts(CALL_PAYMENT_CHANNEL, 4).build();

    Verdict verdict = PaymentAuditor.judge(FLAKY_3, Optional.of(saga), audit, Optional.empty());

    assertThat(verdict.attemptsTakenByFaults()).isEqualTo(1);
    assertThat(verdict.retryBudgetSpentOnFaults()).isTrue();
    assertThat(verdict.violations()).isEmpty();
  }

  @Test
  void failuresWithinTheScriptOrBeforeTheRetriesRanOutAreNotTheFaults() {
    // Three scripted failures and a non-retryable end on the third attempt: nothing to blame on faults.
    SagaState early = saga(FLAKY_3, SagaStatus.COMPENSATED, chargeFailed(3));
    PaymentAudit seenAll = reversedLedger(FLAKY_3).attempts(CREATE_ORDER, 1).attempts(CALL_PAYMENT_CHANNEL, 3).build();

    assertThat(PaymentAuditor.attemptsTakenByFaults(FLAKY_3, early, seenAll)).isZero();
  }

  @Test
  void scriptedFailuresComeFromTheCardTokenForChargesAndTheMerchantForCredits() {
    assertThat(PaymentAuditor.scriptedFailures(CALL_PAYMENT_CHANNEL, FLAKY_3.request())).isEqualTo(3);
    assertThat(PaymentAuditor.scriptedFailures(CREDIT_MERCHANT, FLAKY_3.request())).isZero();
    assertThat(PaymentAuditor.scriptedFailures(CREDIT_MERCHANT, MERCHANT_FLAKY_2.request())).isEqualTo(2);
    assertThat(PaymentAuditor.scriptedFailures(CALL_PAYMENT_CHANNEL, MERCHANT_FLAKY_2.request())).isZero();
    assertThat(PaymentAuditor.scriptedFailures(CREATE_ORDER, FLAKY_3.request())).isZero();
  }

  @Test
  void leavingOutMoreThanFivePercentOfTheShouldSucceedPaymentsFailsTheRun() {
    // A defect that failed every attempt would otherwise hide behind "left out".
    List<Verdict> verdicts = new ArrayList<>(verdicts(0, 94, PaymentPath.SUCCESS, SagaStatus.COMPLETED));
    for (int i = 94; i < 100; i++) {
      verdicts.add(ChaosFixtures.verdict(i, PaymentPath.SUCCESS, SagaStatus.COMPENSATED, 1_000, 4));
    }

    Figure leftOut = ChaosFigures.of(verdicts, 0, 0, List.of()).stream()
        .filter(f -> f.name().contains("left out")).findFirst().orElseThrow();

    assertThat(leftOut.value()).startsWith("6 ");
    assertThat(leftOut.target()).isEqualTo("<= 5 %");
    assertThat(leftOut.met()).isFalse();
  }

  private static List<StepState> chargeFailed(int attempts) {
    return List.of(
        step(CREATE_ORDER, StepStatus.SUCCEEDED, 1, StepStatus.SUCCEEDED, 1),
        step(CALL_PAYMENT_CHANNEL, StepStatus.FAILED, attempts, StepStatus.SUCCEEDED, 1),
        step(CREDIT_MERCHANT, StepStatus.PENDING, 0),
        step(COMPLETE_ORDER, StepStatus.PENDING, 0));
  }
}
