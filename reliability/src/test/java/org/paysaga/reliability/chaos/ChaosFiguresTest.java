package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.reliability.chaos.ChaosFixtures.AMOUNT;
import static org.paysaga.reliability.chaos.ChaosFixtures.completedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.concat;
import static org.paysaga.reliability.chaos.ChaosFixtures.reversedLedger;
import static org.paysaga.reliability.chaos.ChaosFixtures.verdict;
import static org.paysaga.reliability.chaos.ChaosFixtures.verdicts;
import static org.paysaga.reliability.chaos.ChaosFixtures.withAudit;
import static org.paysaga.reliability.chaos.ChaosFixtures.withViolations;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paysaga.saga.SagaStatus;

@ExtendWith(ChaosFixtures.RootLocale.class)
class ChaosFiguresTest {
  private static final String SUCCESS_RATE = "success rate of payments that should succeed";
  private static final String LEFT_OUT = "  left out: 4 attempts spent (scripted failures + attempts the faults took)";
  private static final String COMPENSATION_RATE = "compensations done without an operator";
  private static final String P50_MAX = "saga duration p50 / max";
  private static final String P95 = "saga duration p95 (finished sagas)";

  /** 101 sound payments: 70 completed, 30 compensated, 1 parked in the DLQ, each 1 s. */
  private static List<Verdict> clean() {
    return concat(
        verdicts(0, 60, PaymentPath.SUCCESS, SagaStatus.COMPLETED),
        verdicts(60, 10, PaymentPath.DECLINE, SagaStatus.COMPENSATED),
        verdicts(70, 10, PaymentPath.FLAKY_CHARGE, SagaStatus.COMPLETED),
        verdicts(80, 10, PaymentPath.FROZEN_MERCHANT, SagaStatus.COMPENSATED),
        verdicts(90, 10, PaymentPath.SLOW_PAST_TIMEOUT, SagaStatus.COMPENSATED),
        verdicts(100, 1, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.DLQ));
  }

  private static List<Figure> figures(List<Verdict> verdicts) {
    return ChaosFigures.of(verdicts, 0, 0, List.of());
  }

  private static Figure figure(List<Figure> figures, String name) {
    return figures.stream().filter(f -> f.name().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no figure " + name + " in " + figures));
  }

  private static List<String> notMet(List<Figure> figures) {
    return figures.stream().filter(f -> !f.met()).map(Figure::name).toList();
  }

  /** {@code clean()} with the verdict at {@code index} replaced. */
  private static List<Verdict> cleanWith(int index, Verdict replacement) {
    List<Verdict> verdicts = new ArrayList<>(clean());
    verdicts.set(index, replacement);
    return verdicts;
  }

  @Test
  void aCleanRunMeetsEveryFigure() {
    List<Figure> figures = figures(clean());

    assertThat(figures).extracting(Figure::name).containsExactly(
        "payments audited", "outcomes", SUCCESS_RATE, LEFT_OUT, COMPENSATION_RATE, P50_MAX, P95,
        "missing payments", "payments still running", "double charges", "double refunds", "orphan ledger entries",
        "payments with a violation", "in-flight registry entries left", "faults not injected as planned");
    assertThat(figures).allMatch(Figure::met);
    assertThat(figure(figures, "payments audited").value()).isEqualTo("101");
    assertThat(figure(figures, "outcomes").value()).isEqualTo("COMPLETED 70, COMPENSATED 30, DLQ 1");
    assertThat(figure(figures, SUCCESS_RATE)).isEqualTo(new Figure(SUCCESS_RATE, "100.00 % (70/70)", "> 99 %", true));
    assertThat(figure(figures, COMPENSATION_RATE))
        .isEqualTo(new Figure(COMPENSATION_RATE, "96.77 % (30/31)", "> 95 %", true));
    assertThat(figure(figures, P50_MAX).value()).isEqualTo("1.0 s / 1.0 s");
    assertThat(figure(figures, P95)).isEqualTo(new Figure(P95, "1.0 s", "< 60 s", true));
    assertThat(figure(figures, "double charges")).isEqualTo(new Figure("double charges", "0", "0", true));
  }

  @Test
  void theSuccessRateLeavesOutPaymentsWhoseRetryBudgetWentOnFaults() {
    List<Verdict> verdicts = concat(
        verdicts(0, 99, PaymentPath.SUCCESS, SagaStatus.COMPLETED),
        List.of(verdict(99, PaymentPath.FLAKY_CHARGE, SagaStatus.COMPENSATED, 1_000, 1)),
        verdicts(100, 50, PaymentPath.DECLINE, SagaStatus.COMPENSATED));

    List<Figure> figures = figures(verdicts);

    assertThat(figure(figures, SUCCESS_RATE)).isEqualTo(new Figure(SUCCESS_RATE, "100.00 % (99/99)", "> 99 %", true));
    assertThat(figure(figures, LEFT_OUT).value()).isEqualTo("1 (counted in: 99.00 %)");
    assertThat(notMet(figures)).isEmpty();
  }

  @Test
  void aShouldSucceedPaymentCompensatedWithoutLostAttemptsCountsAgainstTheSuccessRate() {
    List<Verdict> verdicts = concat(
        verdicts(0, 99, PaymentPath.SUCCESS, SagaStatus.COMPLETED),
        List.of(verdict(99, PaymentPath.FLAKY_CHARGE, SagaStatus.COMPENSATED, 1_000, 0)));

    List<Figure> figures = figures(verdicts);

    assertThat(figure(figures, SUCCESS_RATE)).isEqualTo(new Figure(SUCCESS_RATE, "99.00 % (99/100)", "> 99 %", false));
    assertThat(figure(figures, LEFT_OUT).value()).isEqualTo("0 (counted in: 99.00 %)");
    assertThat(notMet(figures)).containsExactly(SUCCESS_RATE);
  }

  @Test
  void theCompensationRateIsCompensatedOverCompensatedAndParked() {
    List<Verdict> justBelow = concat(
        verdicts(0, 5, PaymentPath.SUCCESS, SagaStatus.COMPLETED),
        verdicts(5, 19, PaymentPath.FROZEN_MERCHANT, SagaStatus.COMPENSATED),
        verdicts(24, 1, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.DLQ));
    List<Verdict> justAbove = concat(justBelow, verdicts(25, 1, PaymentPath.DECLINE, SagaStatus.COMPENSATED));

    assertThat(figure(figures(justBelow), COMPENSATION_RATE))
        .isEqualTo(new Figure(COMPENSATION_RATE, "95.00 % (19/20)", "> 95 %", false));
    assertThat(figure(figures(justAbove), COMPENSATION_RATE))
        .isEqualTo(new Figure(COMPENSATION_RATE, "95.24 % (20/21)", "> 95 %", true));
  }

  @Test
  void aParkedSagaOfAnyPathCountsAgainstTheCompensationRate() {
    List<Verdict> verdicts = concat(
        verdicts(0, 3, PaymentPath.DECLINE, SagaStatus.COMPENSATED),
        verdicts(3, 1, PaymentPath.REFUND_RECOVERS, SagaStatus.DLQ));

    assertThat(figure(figures(verdicts), COMPENSATION_RATE).value()).isEqualTo("75.00 % (3/4)");
  }

  @Test
  void percentileIsNearestRank() {
    List<Long> oneToTwenty = new ArrayList<>();
    for (long i = 1; i <= 20; i++) {
      oneToTwenty.add(i * 1_000);
    }

    assertThat(ChaosFigures.percentile(oneToTwenty, 0.95)).isEqualTo(19_000);
    assertThat(ChaosFigures.percentile(oneToTwenty, 0.50)).isEqualTo(10_000);
    assertThat(ChaosFigures.percentile(oneToTwenty, 1.0)).isEqualTo(20_000);
    assertThat(ChaosFigures.percentile(oneToTwenty, 0.0)).isEqualTo(1_000);
    assertThat(ChaosFigures.percentile(List.of(10L, 20L, 30L), 0.95)).isEqualTo(30);
    assertThat(ChaosFigures.percentile(List.of(10L, 20L, 30L), 0.50)).isEqualTo(20);
    assertThat(ChaosFigures.percentile(List.of(10L, 20L, 30L, 40L), 0.50)).isEqualTo(20);
    assertThat(ChaosFigures.percentile(List.of(7L), 0.95)).isEqualTo(7);
    assertThat(ChaosFigures.percentile(List.of(), 0.95)).isEqualTo(-1);
  }

  @Test
  void percentileHasNoRoundingSlipForAnySize() {
    for (int n = 1; n <= 2_000; n++) {
      List<Long> values = new ArrayList<>(n);
      for (long i = 1; i <= n; i++) {
        values.add(i);
      }
      assertThat(ChaosFigures.percentile(values, 0.95)).as("p95 of %d", n).isEqualTo((95L * n + 99) / 100);
      assertThat(ChaosFigures.percentile(values, 0.50)).as("p50 of %d", n).isEqualTo((n + 1L) / 2);
    }
  }

  @Test
  void durationsCountFinishedSagasOnly() {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // Given out of order: the figures sort them.
      verdicts.add(verdict(i, PaymentPath.SUCCESS, SagaStatus.COMPLETED, (20 - i) * 1_000L));
    }
    verdicts.add(verdict(20, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.DLQ, 0));
    verdicts.add(verdict(21, PaymentPath.SUCCESS, null, 0));

    List<Figure> figures = figures(verdicts);

    assertThat(figure(figures, P50_MAX).value()).isEqualTo("10.0 s / 20.0 s");
    assertThat(figure(figures, P95)).isEqualTo(new Figure(P95, "19.0 s", "< 60 s", true));
  }

  @Test
  void aP95OfAMinuteOrMoreIsNotMet() {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      verdicts.add(verdict(i, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000));
    }
    verdicts.add(verdict(18, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 60_000));
    verdicts.add(verdict(19, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 90_000));

    List<Figure> figures = figures(verdicts);

    assertThat(figure(figures, P95)).isEqualTo(new Figure(P95, "60.0 s", "< 60 s", false));
    assertThat(notMet(figures)).containsExactly(P95);
  }

  @Test
  void withNothingFinishedThereIsNoDurationAndNoP95() {
    List<Figure> figures = figures(verdicts(0, 2, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.DLQ));

    assertThat(figure(figures, P50_MAX).value()).isEqualTo("-");
    assertThat(figure(figures, P95).met()).isFalse();
  }

  @Test
  void aDoubleChargeIsNotMet() {
    Verdict completed = verdict(3, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000);
    List<Figure> figures = figures(cleanWith(3,
        withAudit(completed, completedLedger(completed.payment()).charged(2, 2 * AMOUNT).build())));

    assertThat(figure(figures, "double charges")).isEqualTo(new Figure("double charges", "1", "0", false));
    assertThat(notMet(figures)).containsExactly("double charges");
  }

  @Test
  void aDoubleRefundIsNotMet() {
    Verdict compensated = verdict(60, PaymentPath.DECLINE, SagaStatus.COMPENSATED, 1_000);
    List<Figure> figures = figures(cleanWith(60,
        withAudit(compensated, reversedLedger(compensated.payment()).charged(2, 2 * AMOUNT).refunded(2, 2 * AMOUNT)
            .build())));

    assertThat(notMet(figures)).containsExactly("double charges", "double refunds");
    assertThat(figure(figures, "double refunds").value()).isEqualTo("1");
  }

  @Test
  void faultsNotInjectedAreNotMet() {
    List<Figure> figures = ChaosFigures.of(clean(), 0, 0,
        List.of("SIGKILL worker-2: no such process", "faults still running after 300 s"));

    assertThat(figure(figures, "faults not injected as planned"))
        .isEqualTo(new Figure("faults not injected as planned", "2", "0", false));
    assertThat(notMet(figures)).containsExactly("faults not injected as planned");
  }

  @Test
  void inflightEntriesLeftAreNotMet() {
    List<Figure> figures = ChaosFigures.of(clean(), 0, 3, List.of());

    assertThat(figure(figures, "in-flight registry entries left").value()).isEqualTo("3");
    assertThat(notMet(figures)).containsExactly("in-flight registry entries left");
  }

  @Test
  void orphanLedgerEntriesAddUnknownKeysToOrphanedVerdicts() {
    Verdict compensated = verdict(80, PaymentPath.FROZEN_MERCHANT, SagaStatus.COMPENSATED, 1_000);
    // Charged, refunded, but the merchant's credit was never reversed.
    Verdict orphan = withAudit(compensated, reversedLedger(compensated.payment()).credited(1, AMOUNT).build());

    List<Figure> figures = ChaosFigures.of(cleanWith(80, orphan), 2, 0, List.of());

    assertThat(figure(figures, "orphan ledger entries")).isEqualTo(new Figure("orphan ledger entries", "3", "0", false));
    assertThat(notMet(figures)).containsExactly("orphan ledger entries");
  }

  @Test
  void missingAndStillRunningSagasAreNotMet() {
    List<Verdict> verdicts = concat(clean(), List.of(
        verdict(101, PaymentPath.DECLINE, null, 0),
        verdict(102, PaymentPath.REFUND_RECOVERS, SagaStatus.RECOVERING, 0),
        verdict(103, PaymentPath.DECLINE, SagaStatus.COMPENSATING, 0),
        verdict(104, PaymentPath.DECLINE, SagaStatus.RUNNING, 0)));

    List<Figure> figures = figures(verdicts);

    assertThat(figure(figures, "missing payments").value()).isEqualTo("1");
    assertThat(figure(figures, "payments still running").value()).isEqualTo("3");
    assertThat(notMet(figures)).containsExactly("missing payments", "payments still running");
    assertThat(figure(figures, "payments audited").value()).isEqualTo("105");
    assertThat(figure(figures, "outcomes").value())
        .isEqualTo("RUNNING 1, COMPLETED 70, COMPENSATING 1, COMPENSATED 30, RECOVERING 1, DLQ 1");
  }

  @Test
  void aPaymentWithAViolationIsNotMet() {
    List<Figure> figures = figures(cleanWith(0,
        withViolations(verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000), "one", "two")));

    assertThat(figure(figures, "payments with a violation").value()).isEqualTo("1");
    assertThat(notMet(figures)).containsExactly("payments with a violation");
  }

  @Test
  void noPaymentsAtAll() {
    List<Figure> figures = figures(List.of());

    assertThat(figure(figures, "payments audited").value()).isEqualTo("0");
    assertThat(figure(figures, "outcomes").value()).isEqualTo("-");
    assertThat(figure(figures, SUCCESS_RATE)).isEqualTo(new Figure(SUCCESS_RATE, "100.00 % (0/0)", "> 99 %", true));
    assertThat(figure(figures, LEFT_OUT).value()).isEqualTo("0 (counted in: 100.00 %)");
  }
}
