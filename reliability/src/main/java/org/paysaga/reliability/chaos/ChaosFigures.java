package org.paysaga.reliability.chaos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.paysaga.reliability.report.Percentiles;
import org.paysaga.saga.SagaStatus;

/**
 * The run's figures from the verdicts and the run-wide checks: the promises (no money moved twice,
 * none lost, none left half done) as counts that must be zero, and the seed's success figures.
 */
public final class ChaosFigures {
  static final double SHOULD_SUCCEED_RATE = 0.99;
  static final double COMPENSATION_RATE = 0.95;
  static final double P95_SECONDS = 60;
  /** At most this share of the should-succeed payments may be left out of the success rate. */
  static final double LEFT_OUT_SHARE = 0.05;

  private ChaosFigures() {}

  /**
   * @param unknownLedgerKeys sandbox ledger keys of sagas the run never started
   * @param inflightLeft sagas still in the in-flight registry although every saga ended or parked
   * @param faultErrors faults that could not be injected as planned
   */
  public static List<Figure> of(List<Verdict> verdicts, long unknownLedgerKeys, long inflightLeft,
      List<String> faultErrors) {
    List<Figure> figures = new ArrayList<>();
    Map<SagaStatus, Integer> byStatus = new EnumMap<>(SagaStatus.class);
    verdicts.stream().filter(v -> v.status() != null).forEach(v -> byStatus.merge(v.status(), 1, Integer::sum));
    figures.add(Figure.info("payments audited", Integer.toString(verdicts.size())));
    figures.add(Figure.info("outcomes", outcomes(byStatus)));

    long shouldSucceed = verdicts.stream().filter(v -> v.payment().path().expected() == Expected.COMPLETED).count();
    long succeeded = verdicts.stream()
        .filter(v -> v.payment().path().expected() == Expected.COMPLETED && v.status() == SagaStatus.COMPLETED).count();
    long budgetSpent = verdicts.stream().filter(Verdict::retryBudgetSpentOnFaults).count();
    figures.add(Figure.rateAbove("success rate of payments that should succeed", succeeded, shouldSucceed - budgetSpent,
        SHOULD_SUCCEED_RATE));
    // Left out, and bounded: a fault-free defect failing every attempt would otherwise vanish here.
    figures.add(new Figure("  left out: 4 attempts spent (scripted failures + attempts the faults took)",
        budgetSpent + String.format(Locale.ROOT, " (counted in: %.2f %%)",
            shouldSucceed == 0 ? 100.0 : 100.0 * succeeded / shouldSucceed),
        String.format(Locale.ROOT, "<= %.0f %%", LEFT_OUT_SHARE * 100), budgetSpent <= LEFT_OUT_SHARE * shouldSucceed));

    long compensated = verdicts.stream().filter(v -> v.status() == SagaStatus.COMPENSATED).count();
    long needed = compensated + verdicts.stream().filter(v -> v.status() == SagaStatus.DLQ).count();
    figures.add(Figure.rateAbove("compensations done without an operator", compensated, needed, COMPENSATION_RATE));

    List<Long> durations = verdicts.stream().filter(Verdict::finished).map(Verdict::durationMillis)
        .sorted(Comparator.naturalOrder()).toList();
    figures.add(Figure.info("saga duration p50 / max", durations.isEmpty() ? "-"
        : String.format(Locale.ROOT, "%.1f s / %.1f s", percentile(durations, 0.50) / 1000.0,
            durations.get(durations.size() - 1) / 1000.0)));
    figures.add(Figure.secondsBelow("saga duration p95 (finished sagas)", percentile(durations, 0.95), P95_SECONDS));

    figures.add(Figure.count("missing payments", verdicts.stream().filter(v -> v.status() == null).count(), 0));
    figures.add(Figure.count("payments still running", verdicts.stream().filter(ChaosFigures::stillRunning).count(), 0));
    figures.add(Figure.count("double charges", verdicts.stream().filter(Verdict::doubleCharged).count(), 0));
    figures.add(Figure.count("double refunds", verdicts.stream().filter(Verdict::doubleRefunded).count(), 0));
    figures.add(Figure.count("orphan ledger entries",
        verdicts.stream().filter(Verdict::orphanLedgerEntry).count() + unknownLedgerKeys, 0));
    figures.add(Figure.count("payments with a violation", verdicts.stream().filter(v -> !v.violations().isEmpty()).count(), 0));
    figures.add(Figure.count("in-flight registry entries left", inflightLeft, 0));
    figures.add(Figure.count("faults not injected as planned", faultErrors.size(), 0));
    return List.copyOf(figures);
  }

  private static boolean stillRunning(Verdict verdict) {
    SagaStatus status = verdict.status();
    return status == SagaStatus.RUNNING || status == SagaStatus.COMPENSATING || status == SagaStatus.RECOVERING;
  }

  private static String outcomes(Map<SagaStatus, Integer> byStatus) {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(byStatus).forEach((status, n) -> text.append(text.length() == 0 ? "" : ", ").append(status).append(' ').append(n));
    return text.length() == 0 ? "-" : text.toString();
  }

  /** Nearest-rank percentile of sorted values; -1 when there are none. */
  static long percentile(List<Long> sorted, double quantile) {
    return Percentiles.nearestRank(sorted.stream().mapToLong(Long::longValue).toArray(), quantile);
  }
}
