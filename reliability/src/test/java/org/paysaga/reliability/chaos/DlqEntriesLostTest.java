package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.reliability.chaos.ChaosFixtures.DURATION;
import static org.paysaga.reliability.chaos.ChaosFixtures.STARTED_AT;
import static org.paysaga.reliability.chaos.ChaosFixtures.dlqEntry;
import static org.paysaga.reliability.chaos.ChaosFixtures.parkedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.parkedSteps;
import static org.paysaga.reliability.chaos.ChaosFixtures.payment;
import static org.paysaga.reliability.chaos.ChaosFixtures.reversedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.saga;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.providers.postgres.PostgresLedgerAudit;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;

/** A saga parked before Redis lost its data, whose DLQ entry went with it. */
class DlqEntriesLostTest {
  private static final PlannedPayment NEVER_REFUNDED = payment(PaymentPath.REFUND_NEVER_SUCCEEDS);
  private static final Optional<SagaState> PARKED =
      Optional.of(saga(NEVER_REFUNDED, SagaStatus.DLQ, parkedSteps())); // parked at STARTED_AT + DURATION
  private static final long LOST_AFTER_IT = STARTED_AT + DURATION + 1;
  private static final long LOST_BEFORE_IT = STARTED_AT + DURATION - 1;

  private static Verdict judge(PaymentAudit audit, Optional<DlqEntry> entry, long lostUntil) {
    return PaymentAuditor.judge(NEVER_REFUNDED, PARKED, audit, entry, lostUntil);
  }

  @Test
  void anEntryLostWithRedisIsNoViolationWhenTemporalsStepsMatchTheMoney() {
    Verdict verdict = judge(parkedLedger(NEVER_REFUNDED).build(), Optional.empty(), LOST_AFTER_IT);

    assertThat(verdict.violations()).isEmpty();
    assertThat(PaymentAuditor.dlqEntryLost(PARKED, Optional.empty(), LOST_AFTER_IT)).isTrue();
  }

  @Test
  void anEntryLostWithRedisStillNeedsTheMoneyToMatch() {
    // Temporal says the refund failed, yet the simulator shows it refunded: the steps do not match.
    Verdict verdict = judge(reversedLedger(NEVER_REFUNDED).build(), Optional.empty(), LOST_AFTER_IT);

    assertThat(verdict.violations()).singleElement().asString()
        .startsWith("Temporal (its DLQ entry lost with Redis's data) says CallPaymentChannel SUCCEEDED/compensation "
            + "FAILED, but the ledger shows it not in effect");
  }

  @Test
  void aSagaParkedAfterTheLossMustHaveItsEntry() {
    Verdict verdict = judge(parkedLedger(NEVER_REFUNDED).build(), Optional.empty(), LOST_BEFORE_IT);

    assertThat(verdict.violations()).containsExactly("DLQ status, but no entry in the DLQ");
    assertThat(PaymentAuditor.dlqEntryLost(PARKED, Optional.empty(), LOST_BEFORE_IT)).isFalse();
    assertThat(PaymentAuditor.dlqEntryLost(PARKED, Optional.empty(), PaymentAuditor.NO_DLQ_LOSS)).isFalse();
  }

  @Test
  void anEntryThatSurvivedIsJudgedAsEver() {
    Optional<DlqEntry> entry = Optional.of(dlqEntry(NEVER_REFUNDED.sagaId(), parkedSteps()));

    assertThat(judge(parkedLedger(NEVER_REFUNDED).build(), entry, LOST_AFTER_IT).violations()).isEmpty();
    assertThat(PaymentAuditor.dlqEntryLost(PARKED, entry, LOST_AFTER_IT)).isFalse();
    assertThat(PaymentAuditor.dlqEntryLost(Optional.empty(), Optional.empty(), LOST_AFTER_IT)).isFalse();
  }

  @Test
  void theProviderFiguresHoldTheLedgerAndTheSimulatorToZero() {
    PostgresLedgerAudit.Report clean = new PostgresLedgerAudit.Report(10, 2, 0, 0, 0, 0, 0, 0, List.of(), List.of(),
        java.util.Map.of("PAID", 3L), 1);
    SimulatorRecords simulator = SimulatorRecords.parse(SimulatorRecordsTest.AUDIT);

    List<Figure> figures = ProviderFigures.of(clean, simulator, 3);
    assertThat(figures).allMatch(Figure::met);
    assertThat(figures).filteredOn(f -> f.name().equals("DLQ entries lost with Redis's data"))
        .singleElement().extracting(Figure::value).isEqualTo("3");

    PostgresLedgerAudit.Report broken = new PostgresLedgerAudit.Report(10, 2, 1, 0, 0, 1, 0, 1, List.of(),
        List.of("chaos-test-00001"), java.util.Map.of(), 0);
    SimulatorRecords doubled = SimulatorRecords.parse(SimulatorRecordsTest.AUDIT
        .replace("\"double_charged_payments\": 0", "\"double_charged_payments\": 1"));
    assertThat(ProviderFigures.of(broken, doubled, 0)).filteredOn(f -> !f.met()).extracting(Figure::name)
        .containsExactly("unbalanced ledger transactions (or without entries)",
            "payments whose ledger is inconsistent", "ledger effects there twice (keys, undos, credits)",
            "over-refunds at the ledger", "double charges at the simulator");
  }
}
