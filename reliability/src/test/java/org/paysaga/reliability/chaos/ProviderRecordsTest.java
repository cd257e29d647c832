package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.reliability.chaos.ChaosFixtures.completedSteps;
import static org.paysaga.reliability.chaos.ChaosFixtures.compensatedSteps;
import static org.paysaga.reliability.chaos.ChaosFixtures.payment;
import static org.paysaga.reliability.chaos.ChaosFixtures.saga;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.OrderStatus;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.SagaStatus;

class ProviderRecordsTest {
  private static final PlannedPayment FIRST = SimulatorRecordsTest.FIRST;
  private static final PlannedPayment SECOND = SimulatorRecordsTest.SECOND;
  private static final PlannedPayment THIRD = payment(2, PaymentPath.DECLINE);

  private static LedgerRecords ledger() {
    return new LedgerRecords(
        Map.of("chaos-test-00001", OrderStatus.PAID, "chaos-test-00002", OrderStatus.CANCELLED),
        Map.of("chaos-test-00001", LedgerRecords.Postings.NONE.plus("CREDIT", 1, 1234),
            "chaos-test-00002", LedgerRecords.Postings.NONE.plus("CREDIT", 1, 1234).plus("REVERSAL", 1, 1234)
                .plus("DEBIT", 1, 300).plus("CREDIT_BACK", 1, 100)),
        Set.of("chaos-test-00003", "stranger-00001"));
  }

  @Test
  void theAuditTakesTheOrderAndPostingsFromPostgresAndTheMoneyFromTheSimulator() {
    ProviderRecords records = new ProviderRecords(ledger(), SimulatorRecords.parse(SimulatorRecordsTest.AUDIT));

    PaymentAudit first = records.audit(FIRST, Optional.of(saga(FIRST, SagaStatus.COMPLETED, completedSteps())));
    assertThat(first.sagaId()).isEqualTo(FIRST.sagaId());
    assertThat(first.orderStatus()).isEqualTo(OrderStatus.PAID);
    assertThat(first.charges()).isEqualTo(2);
    assertThat(first.chargedMinor()).isEqualTo(2468);
    assertThat(first.doubleCharged()).isTrue();
    assertThat(first.ledgerCredits()).isEqualTo(1);
    assertThat(first.creditedMinor()).isEqualTo(1234);
    assertThat(first.attempts(CREATE_ORDER)).isEqualTo(1);
    assertThat(first.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(1);

    PaymentAudit second = records.audit(SECOND, Optional.of(saga(SECOND, SagaStatus.COMPENSATED, compensatedSteps())));
    assertThat(second.orderStatus()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(second.charges()).isEqualTo(1);
    assertThat(second.refunds()).isEqualTo(1);
    assertThat(second.refundedMinor()).isEqualTo(1234);
    assertThat(second.ledgerReversals()).isEqualTo(1);
    assertThat(second.reversedMinor()).isEqualTo(1234);
    assertThat(second.refundDebitedMinor()).isEqualTo(200);

    PaymentAudit third = records.audit(THIRD, Optional.empty());
    assertThat(third.orderStatus()).isEqualTo(OrderStatus.NONE);
    assertThat(third.charges()).isZero();
    assertThat(third.attempts()).isEmpty();
    assertThat(third.isCompensatedCleanly()).isTrue();
  }

  @Test
  void aCleanProviderRecordPassesTheSameAuditorAsTheSandboxs() {
    LedgerRecords ledger = new LedgerRecords(Map.of("chaos-test-00002", OrderStatus.CANCELLED),
        Map.of("chaos-test-00002", LedgerRecords.Postings.NONE), Set.of());
    ProviderRecords records = new ProviderRecords(ledger, SimulatorRecords.parse(SimulatorRecordsTest.AUDIT));
    var state = Optional.of(saga(SECOND, SagaStatus.COMPENSATED, compensatedSteps()));

    Verdict verdict = PaymentAuditor.judge(SECOND, state, records.audit(SECOND, state), Optional.empty());

    assertThat(verdict.violations()).isEmpty();
    assertThat(verdict.attemptsTakenByFaults()).as("Temporal's counts stand in for the providers'").isZero();
  }

  @Test
  void recordsOfPaymentsTheRunNeverMadeAreCounted() {
    ProviderRecords records = new ProviderRecords(ledger(), SimulatorRecords.parse(SimulatorRecordsTest.AUDIT));

    // stranger-00001 (an order effect) and someone-else (a charge at the simulator)
    assertThat(records.unknown(List.of(FIRST, SECOND, THIRD))).isEqualTo(2);
    assertThat(records.unknown(List.of(FIRST))).isEqualTo(4);
  }

  @Test
  void postingsAddUpByKind() {
    LedgerRecords.Postings postings = LedgerRecords.Postings.NONE.plus("CREDIT", 1, 10).plus("CREDIT", 1, 5);
    assertThat(postings.credits()).isEqualTo(2);
    assertThat(postings.credited()).isEqualTo(15);
    assertThat(ledger().postings("nobody")).isEqualTo(LedgerRecords.Postings.NONE);
    assertThat(ledger().order("nobody")).isEqualTo(OrderStatus.NONE);
    assertThat(ledger().paymentNos()).containsExactlyInAnyOrder("chaos-test-00001", "chaos-test-00002",
        "chaos-test-00003", "stranger-00001");
    assertThatThrownBy(() -> postings.plus("VOID", 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
