package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.reliability.chaos.ChaosFixtures.concat;
import static org.paysaga.reliability.chaos.ChaosFixtures.ledger;
import static org.paysaga.reliability.chaos.ChaosFixtures.verdict;
import static org.paysaga.reliability.chaos.ChaosFixtures.verdicts;
import static org.paysaga.reliability.chaos.ChaosFixtures.withAudit;
import static org.paysaga.reliability.chaos.ChaosFixtures.withViolations;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.saga.SagaStatus;

@ExtendWith(ChaosFixtures.RootLocale.class)
class ChaosReportTest {
  private static final List<Figure> MET = List.of(
      Figure.info("payments audited", "3"),
      Figure.count("double charges", 0, 0),
      Figure.rateAbove("compensations done without an operator", 1, 1, 0.95));

  private static List<Verdict> sound() {
    return concat(
        verdicts(0, 2, PaymentPath.SUCCESS, SagaStatus.COMPLETED),
        verdicts(2, 1, PaymentPath.DECLINE, SagaStatus.COMPENSATED));
  }

  @Test
  void tablePadsEveryColumnToItsWidestCell() {
    String table = ChaosReport.table(List.of("path", "n"), List.of(
        List.of("SUCCESS", "600"),
        List.of("REFUND_NEVER_SUCCEEDS", "10")));

    assertThat(table).isEqualTo(
        "| path                  | n   |\n"
            + "| --------------------- | --- |\n"
            + "| SUCCESS               | 600 |\n"
            + "| REFUND_NEVER_SUCCEEDS | 10  |\n");
  }

  @Test
  void tableWithoutRowsIsTheHeaderAndItsRule() {
    assertThat(ChaosReport.table(List.of("figure", "value"), List.of()))
        .isEqualTo("| figure | value |\n| ------ | ----- |\n");
  }

  @Test
  void passedOnlyWhenEveryFigureIsMet() {
    assertThat(new ChaosReport(sound(), MET, List.of()).passed()).isTrue();

    List<Figure> oneMissed = new ArrayList<>(MET);
    oneMissed.add(Figure.count("faults not injected as planned", 1, 0));
    assertThat(new ChaosReport(sound(), oneMissed, List.of()).passed()).isFalse();
  }

  @Test
  void aSoundRunRendersOutcomesAndFiguresOnly() {
    String text = new ChaosReport(sound(), MET, List.of()).render();

    assertThat(text).isEqualTo("""

        Outcomes by sandbox path
        | path    | group   | expected    | payments | COMPLETED | COMPENSATED | DLQ | other |
        | ------- | ------- | ----------- | -------- | --------- | ----------- | --- | ----- |
        | SUCCESS | success | COMPLETED   | 2        | 2         | 0           | 0   | 0     |
        | DECLINE | decline | COMPENSATED | 1        | 0         | 1           | 0   | 0     |

        Figures
        | figure                                 | value          | target | verdict |
        | -------------------------------------- | -------------- | ------ | ------- |
        | payments audited                       | 3              |        |         |
        | double charges                         | 0              | 0      | ok      |
        | compensations done without an operator | 100.00 % (1/1) | > 95 % | ok      |
        """);
  }

  @Test
  void renderListsViolationsFaultErrorsAndMissedFigures() {
    List<Verdict> verdicts = concat(
        List.of(withViolations(verdict(0, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000), "charged 2 times")),
        List.of(withViolations(verdict(1, PaymentPath.DECLINE, SagaStatus.COMPLETED, 1_000),
            "COMPLETED, but path DECLINE must not complete", "charged 2 times")));
    List<Figure> figures = List.of(Figure.count("double charges", 2, 0));

    String text = new ChaosReport(verdicts, figures, List.of("SIGKILL worker-2: no such process")).render();

    assertThat(text).contains("""

        Violations (4)
          chaos-test-00001 (SUCCESS): charged 2 times
          chaos-test-00002 (DECLINE): COMPLETED, but path DECLINE must not complete
          chaos-test-00002 (DECLINE): charged 2 times
          fault: SIGKILL worker-2: no such process
        """);
    assertThat(text).contains("| double charges | 2     | 0      | VIOLATED |\n");
  }

  @Test
  void renderShowsTheFirst40ViolationsAndCountsTheRest() {
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      verdicts.add(withViolations(verdict(i, PaymentPath.SUCCESS, SagaStatus.COMPLETED, 1_000), "broken"));
    }

    String text = new ChaosReport(verdicts, MET, List.of()).render();

    assertThat(text).contains("\nViolations (45)\n")
        .contains("  chaos-test-00040 (SUCCESS): broken\n")
        .doesNotContain("chaos-test-00041 (SUCCESS)")
        .contains("  ... and 5 more\n");
  }

  @Test
  void renderListsUnexpectedOutcomesWithCardMerchantAttemptsAndFailure() {
    Verdict compensated = verdict(0, PaymentPath.FLAKY_CHARGE, SagaStatus.COMPENSATED, 1_000, 1);
    compensated = new Verdict(compensated.payment(), compensated.status(), compensated.durationMillis(),
        "CallPaymentChannel: channel unavailable",
        ledger(compensated.payment()).attempts(PaymentSteps.CALL_PAYMENT_CHANNEL, 3).build(), 1, List.of());
    Verdict missing = withAudit(verdict(1, PaymentPath.DECLINE, null, 0), null);
    List<Verdict> verdicts = concat(sound(), List.of(compensated, missing));

    String text = new ChaosReport(verdicts, MET, List.of()).render();

    assertThat(text).contains("""

        Unexpected outcomes (2): sound, but not the path's usual end
          chaos-test-00001 FLAKY_CHARGE [tok_flaky_1, m_chaos_0] ended COMPENSATED, sandbox attempts \
        {CallPaymentChannel=3}: CallPaymentChannel: channel unavailable
          chaos-test-00002 DECLINE [tok_decline, m_chaos_0] ended null
        """);
    assertThat(text).doesNotContain("Violations");
    assertThat(text)
        .contains("| DECLINE      | decline | COMPENSATED | 2        | 0         | 1           | 0   | 1     |\n")
        .contains("| FLAKY_CHARGE | flaky   | COMPLETED   | 1        | 0         | 1           | 0   | 0     |\n");
  }

  @Test
  void pathRowsFollowThePathOrder() {
    List<Verdict> verdicts = concat(
        verdicts(0, 1, PaymentPath.REFUND_NEVER_SUCCEEDS, SagaStatus.DLQ),
        verdicts(1, 1, PaymentPath.SUCCESS, SagaStatus.COMPLETED));

    String text = new ChaosReport(verdicts, MET, List.of()).render();

    assertThat(text.indexOf("| SUCCESS ")).isPositive().isLessThan(text.indexOf("| REFUND_NEVER_SUCCEEDS "));
    assertThat(text).contains(
        "| REFUND_NEVER_SUCCEEDS | refund-failure | DLQ       | 1        | 0         | 0           | 1   | 0     |\n");
  }
}
