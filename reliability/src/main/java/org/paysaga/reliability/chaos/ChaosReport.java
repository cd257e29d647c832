package org.paysaga.reliability.chaos;

import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.paysaga.reliability.report.TextTable;
import org.paysaga.saga.SagaStatus;

/** The run's result as text: outcomes per path, the violations found, and the table of figures. */
final class ChaosReport {
  private static final int VIOLATIONS_SHOWN = 40;

  private final List<Verdict> verdicts;
  private final List<Figure> figures;
  private final List<String> faultErrors;

  ChaosReport(List<Verdict> verdicts, List<Figure> figures, List<String> faultErrors) {
    this.verdicts = List.copyOf(verdicts);
    this.figures = List.copyOf(figures);
    this.faultErrors = List.copyOf(faultErrors);
  }

  boolean passed() {
    return figures.stream().allMatch(Figure::met);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append("\nOutcomes by sandbox path\n");
    out.append(table(List.of("path", "group", "expected", "payments", "COMPLETED", "COMPENSATED", "DLQ", "other"),
        pathRows()));
    List<Verdict> unexpected = verdicts.stream().filter(Verdict::unexpected).toList();
    if (!unexpected.isEmpty()) {
      out.append("\nUnexpected outcomes (").append(unexpected.size()).append("): sound, but not the path's usual end\n");
      unexpected.forEach(v -> out.append("  ").append(v.payment().request().paymentNo()).append(" ")
          .append(v.payment().path()).append(" [").append(v.payment().request().cardToken()).append(", ")
          .append(v.payment().request().merchantId()).append("] ended ").append(v.status())
          .append(v.audit() == null ? "" : ", sandbox attempts " + v.audit().attempts())
          .append(v.failure() == null ? "" : ": " + v.failure()).append('\n'));
    }
    List<String> violations = new ArrayList<>();
    verdicts.forEach(v -> v.violations().forEach(text -> violations.add(v.payment().request().paymentNo()
        + " (" + v.payment().path() + "): " + text)));
    faultErrors.forEach(error -> violations.add("fault: " + error));
    if (!violations.isEmpty()) {
      out.append("\nViolations (").append(violations.size()).append(")\n");
      violations.stream().limit(VIOLATIONS_SHOWN).forEach(v -> out.append("  ").append(v).append('\n'));
      if (violations.size() > VIOLATIONS_SHOWN) {
        out.append("  ... and ").append(violations.size() - VIOLATIONS_SHOWN).append(" more\n");
      }
    }
    out.append("\nFigures\n");
    List<List<String>> rows = figures.stream()
        .map(f -> List.of(f.name(), f.value(), f.target(), f.target().isEmpty() ? "" : f.met() ? "ok" : "VIOLATED"))
        .toList();
    out.append(table(List.of("figure", "value", "target", "verdict"), rows));
    return out.toString();
  }

  private List<List<String>> pathRows() {
    Map<PaymentPath, List<Verdict>> byPath = new TreeMap<>();
    verdicts.forEach(v -> byPath.computeIfAbsent(v.payment().path(), p -> new ArrayList<>()).add(v));
    List<List<String>> rows = new ArrayList<>();
    byPath.forEach((path, list) -> rows.add(List.of(path.name(), path.category(), path.expected().name(),
        Integer.toString(list.size()), count(list, SagaStatus.COMPLETED), count(list, SagaStatus.COMPENSATED),
        count(list, SagaStatus.DLQ), Long.toString(list.stream().filter(v -> v.status() == null
            || (v.status() != SagaStatus.COMPLETED && v.status() != SagaStatus.COMPENSATED
                && v.status() != SagaStatus.DLQ)).count()))));
    return rows;
  }

  private static String count(List<Verdict> verdicts, SagaStatus status) {
    return Long.toString(verdicts.stream().filter(v -> v.status() == status).count());
  }

  /** A table of the run's report (kept for its callers; one renderer for every report). */
  static String table(List<String> header, List<List<String>> rows) {
    return TextTable.of(header, rows);
  }
}
