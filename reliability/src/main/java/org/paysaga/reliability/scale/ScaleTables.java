package org.paysaga.reliability.scale;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.paysaga.reliability.report.TextTable;

/** The scale curves' Markdown tables and the verdicts under them. */
final class ScaleTables {
  /** The memory target is per million finished sagas. */
  static final long MILLION = 1_000_000;
  private static final double BYTES_PER_MB = 1e6;

  private ScaleTables() {}

  static String sweeper(List<SweeperCurve.Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (SweeperCurve.Row row : rows) {
      cells.add(List.of(Count.label(row.registrySize()), row.position(), number(row.pageMicros()),
          number(row.pageCost().serverMicros()), row.pageCost().breakdown(),
          row.sweepMicros() == null ? "-" : number(row.sweepMicros() / 1_000),
          row.sweepCost() == null ? "-" : row.sweepCost().breakdown()));
    }
    return TextTable.of(List.of("Registry", "Page at", "pageAfter median µs", "Redis server µs/page",
        "Redis commands/page", "sweep() median ms", "Redis commands/sweep"), cells);
  }

  /**
   * Per page position, the largest registry's median page read over the smallest's: about 1 when a
   * sweep does not grow with the registry. Empty with fewer than two sizes.
   */
  static Map<String, Double> pageGrowth(List<SweeperCurve.Row> rows) {
    Map<String, Double> growth = new LinkedHashMap<>();
    long smallest = rows.stream().mapToLong(SweeperCurve.Row::registrySize).min().orElse(0);
    long largest = rows.stream().mapToLong(SweeperCurve.Row::registrySize).max().orElse(0);
    if (smallest == largest) {
      return growth;
    }
    for (SweeperCurve.Row small : rows) {
      if (small.registrySize() != smallest) {
        continue;
      }
      rows.stream().filter(r -> r.registrySize() == largest && r.position().equals(small.position())).findFirst()
          .ifPresent(large -> growth.put(small.position(), large.pageMicros() / small.pageMicros()));
    }
    return growth;
  }

  static String dlq(List<DlqCurve.Row> rows) {
    List<List<String>> cells = new ArrayList<>();
    for (DlqCurve.Row row : rows) {
      cells.add(List.of(Count.label(row.dlqSize()), row.call(), number(row.medianMillis()),
          row.commands() == null ? "(same, in its own JVM)" : row.commands().breakdown()));
    }
    return TextTable.of(List.of("DLQ entries", "Call", "Median ms", "Redis commands per call"), cells);
  }

  static String memory(List<MemoryCurve.Row> rows, double targetMb) {
    List<List<String>> cells = new ArrayList<>();
    for (MemoryCurve.Row row : rows) {
      double projected = projectedMb(row.usedBytesPerSaga());
      cells.add(List.of(Count.label(row.sagas()), number(row.writeSeconds()), number(row.usedMemoryGrowth() / BYTES_PER_MB),
          number(row.usedBytesPerSaga()), number(row.barrierKeyBytes()), Long.toString(row.registryAndDlqBytes()),
          number(row.ttlDaysMin()), number(projected), projected <= targetMb ? "met" : "missed"));
    }
    return TextTable.of(List.of("Finished sagas", "Write s", "used_memory growth MB", "used_memory B/saga",
        "MEMORY USAGE B/barrier key", "Registry+DLQ B", "Min TTL days", "Per 1M sagas MB",
        "<= " + number(targetMb) + " MB"), cells);
  }

  /** One line on the largest run: met, or missed by how much. */
  static String memoryVerdict(List<MemoryCurve.Row> rows, double targetMb) {
    MemoryCurve.Row largest = rows.stream().max((a, b) -> Long.compare(a.sagas(), b.sagas())).orElseThrow();
    double projected = projectedMb(largest.usedBytesPerSaga());
    String figure = "1M finished sagas take " + number(projected) + " MB of used_memory (measured at "
        + Count.label(largest.sagas()) + ")";
    return projected <= targetMb ? figure + ": within the " + number(targetMb) + " MB target."
        : figure + ": the " + number(targetMb) + " MB target is missed by " + number(projected - targetMb) + " MB ("
            + number(100 * (projected - targetMb) / targetMb) + "%).";
  }

  /**
   * Per registry size and ending: the sweeps back to back, and what they mean at {@code interval}:
   * the next sweep begins at most one interval after the close, and parks the saga once visibility
   * has indexed it (the lag measured), against the walk alone reading the whole registry first.
   */
  static String detection(List<DetectionCurve.Row> rows, Duration interval) {
    List<List<String>> cells = new ArrayList<>();
    for (DetectionCurve.Row row : rows) {
      long worst = row.maxMillis(DetectionCurve.Detection::parkedAfterMillis);
      cells.add(List.of(Count.label(row.registrySize()), Count.label(row.running()), row.ending().label,
          Integer.toString(row.detections().size()), Integer.toString(row.maxSweeps()),
          row.medianMillis(DetectionCurve.Detection::namedAfterMillis) + " / "
              + row.maxMillis(DetectionCurve.Detection::namedAfterMillis),
          row.medianMillis(DetectionCurve.Detection::parkedAfterMillis) + " / " + worst,
          span(interval.plusMillis(worst)), row.walkSweeps() + " sweeps, " + span(interval.multipliedBy(row.walkSweeps()))));
    }
    return TextTable.of(List.of("Registry", "Running in Temporal", "Ended by", "Sagas", "Sweeps after the close, max",
        "Close to the parking sweep's start ms, median / max", "Close to DLQ entry ms, median / max",
        "At " + span(interval) + " sweeps: at most", "Registry walk alone: up to"), cells);
  }

  /** A duration as people read it: seconds, minutes (with seconds under an hour), hours or days. */
  static String span(Duration duration) {
    double seconds = duration.toMillis() / 1_000.0;
    if (seconds < 60) {
      return number(seconds) + " s";
    }
    if (seconds < 3_600) {
      long minutes = (long) (seconds / 60);
      double rest = seconds - minutes * 60;
      return minutes + " min" + (rest == 0 ? "" : " " + number(rest) + " s");
    }
    return seconds < 2 * 86_400 ? number(seconds / 3_600) + " h" : number(seconds / 86_400) + " d";
  }

  static double projectedMb(double bytesPerSaga) {
    return bytesPerSaga * MILLION / BYTES_PER_MB;
  }

  /** Whole numbers as such, small ones with two decimals, the rest with one. */
  static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return String.format(Locale.ROOT, Math.abs(value) < 10 ? "%.2f" : "%.1f", value);
  }
}
