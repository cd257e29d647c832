package org.paysaga.reliability.bench;

import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import org.paysaga.reliability.report.TextTable;
import org.paysaga.reliability.stack.TemporalEngine;

/** The benchmark's result as Markdown, ready for docs/BENCHMARKS.md. */
final class BenchReport {
  static final double THROUGHPUT_RATIO_TARGET = 0.95;
  static final double CPU_RATIO_TARGET = 1.10;
  static final double P50_OVERHEAD_TARGET_MS = 3;
  static final double ROUND_TRIPS_PER_ATTEMPT_TARGET = 0;
  static final double ROUND_TRIPS_PER_SAGA_TARGET = 2;
  static final double RSS_OVERHEAD_TARGET_MIB = 64;
  static final double BYTES_PER_SAGA_TARGET = 200;
  /** Activity attempts of a happy-path payment: four steps, no retries. */
  static final int ACTIVITY_ATTEMPTS = 4;
  /** The barrier's command that is not per attempt: its TTL when the saga ends (RedisSagaLifecycle.finish). */
  static final int BARRIER_CALLS_AT_END = 1;

  private final List<Measurement> measurements;
  private final Setup setup;

  /** What every measurement of the run shares. */
  record Setup(int sagas, int warmup, int concurrency, int replicas, String heap, TemporalEngine.Kind engine) {}

  BenchReport(List<Measurement> measurements, Setup setup) {
    this.measurements = List.copyOf(measurements);
    this.setup = setup;
  }

  String render() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%n%s; %d timed sagas per measurement after %d warm-up sagas, %d in flight, "
            + "%d worker(s) of %s heap; %d cores, Java %s.%n%n", setup.engine().label(), setup.sagas(), setup.warmup(),
        setup.concurrency(), setup.replicas(), setup.heap(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version")));
    out.append("### Measurements\n\n");
    List<List<String>> rows = new ArrayList<>();
    for (Measurement m : measurements) {
      rows.add(List.of(Integer.toString(m.round()), m.variant().name(), f1(m.load().throughput()),
          f1(m.load().percentileMillis(0.50)), f1(m.load().percentileMillis(0.95)), f1(m.load().percentileMillis(0.99)),
          f1(m.workerCpuSecondsPer1000()), mib(m.workerRssBytes()) + " / " + mib(m.workerPeakRssBytes()),
          Integer.toString(m.load().failures().size())));
    }
    out.append(table(List.of("round", "variant", "sagas/s", "p50 ms", "p95 ms", "p99 ms", "worker CPU s / 1000 sagas",
        "worker RSS MiB (end / peak)", "failed"), rows));
    out.append("\nOne saga at a time (no queueing):\n\n");
    List<List<String>> unloadedRows = new ArrayList<>();
    for (Measurement m : measurements) {
      unloadedRows.add(List.of(Integer.toString(m.round()), m.variant().name(),
          Integer.toString(m.unloaded().latenciesNanos().length), f1(m.unloaded().percentileMillis(0.50)),
          f1(m.unloaded().percentileMillis(0.95)), f1(m.unloaded().percentileMillis(0.99))));
    }
    out.append(table(List.of("round", "variant", "sagas", "p50 ms", "p95 ms", "p99 ms"), unloadedRows));
    if (perRound(m -> 1, (a, b) -> 1).isEmpty()) {
      return out.toString(); // one variant alone (a scale curve): nothing to compare
    }

    double throughputRatio = meanRatio(m -> m.load().throughput());
    double cpuRatio = median(perRound(Measurement::workerCpuSecondsPer1000, (a, b) -> a / b));
    double p50Overhead = medianDifference(m -> m.unloaded().percentileMillis(0.50));
    double rssOverheadMib = medianDifference(m -> m.workerRssBytes() / (1024.0 * 1024));
    Measurement.Census censusA = census(Variant.A);
    Measurement.Census censusB = census(Variant.B);
    double perAttempt = censusA == null ? Double.NaN
        : (censusA.roundTrips(MonitorCensus.Owner.BARRIER) - BARRIER_CALLS_AT_END) / ACTIVITY_ATTEMPTS;
    double perSaga = censusA == null ? Double.NaN
        : censusA.roundTrips(MonitorCensus.Owner.REGISTRY_AND_DLQ) + BARRIER_CALLS_AT_END;
    double bytesPerSaga = median(Variant.A, m -> m.footprint().sagaLayerBytes());

    out.append("\n### A against B\n\n");
    List<List<String>> ratios = new ArrayList<>();
    ratios.add(List.of("throughput A/B (mean of the rounds' ratios)", f2(throughputRatio), ">= " + THROUGHPUT_RATIO_TARGET,
        verdict(throughputRatio >= THROUGHPUT_RATIO_TARGET)));
    ratios.add(List.of("worker CPU per saga A/B (median of the rounds' ratios)", f2(cpuRatio), "<= " + CPU_RATIO_TARGET,
        verdict(cpuRatio <= CPU_RATIO_TARGET)));
    ratios.add(List.of("p50 latency A - B, one at a time (median of the rounds)", f1(p50Overhead) + " ms",
        "<= " + f0(P50_OVERHEAD_TARGET_MS) + " ms", verdict(p50Overhead <= P50_OVERHEAD_TARGET_MS)));
    ratios.add(List.of("p95 / p99 latency A - B, one at a time",
        f1(medianDifference(m -> m.unloaded().percentileMillis(0.95))) + " / "
            + f1(medianDifference(m -> m.unloaded().percentileMillis(0.99))) + " ms", "", ""));
    ratios.add(List.of("p50 / p95 / p99 latency A - B, " + setup.concurrency() + " in flight",
        f1(medianDifference(m -> m.load().percentileMillis(0.50))) + " / "
            + f1(medianDifference(m -> m.load().percentileMillis(0.95))) + " / "
            + f1(medianDifference(m -> m.load().percentileMillis(0.99))) + " ms", "", ""));
    ratios.add(List.of("saga layer's Redis round trips per activity attempt (barrier, MONITOR census)", f2(perAttempt),
        f0(ROUND_TRIPS_PER_ATTEMPT_TARGET), verdict(perAttempt <= ROUND_TRIPS_PER_ATTEMPT_TARGET)));
    ratios.add(List.of("saga layer's Redis round trips per saga outside the activities (start and end)", f2(perSaga),
        "<= " + f0(ROUND_TRIPS_PER_SAGA_TARGET), verdict(perSaga <= ROUND_TRIPS_PER_SAGA_TARGET)));
    ratios.add(List.of("the effects' own round trips per activity attempt, A / B (sandbox)",
        (censusA == null ? "-" : f2(censusA.roundTrips(MonitorCensus.Owner.EFFECT) / ACTIVITY_ATTEMPTS)) + " / "
            + (censusB == null ? "-" : f2(censusB.roundTrips(MonitorCensus.Owner.EFFECT) / ACTIVITY_ATTEMPTS)), "", ""));
    ratios.add(List.of("worker RSS A - B at the end of the timed sagas (median of the rounds)", f0(rssOverheadMib) + " MiB",
        "<= " + f0(RSS_OVERHEAD_TARGET_MIB) + " MiB", verdict(rssOverheadMib <= RSS_OVERHEAD_TARGET_MIB)));
    ratios.add(List.of("Redis memory per finished saga, saga layer (A)", f1(bytesPerSaga) + " B",
        "<= " + f0(BYTES_PER_SAGA_TARGET) + " B", verdict(bytesPerSaga <= BYTES_PER_SAGA_TARGET)));
    out.append(table(List.of("figure", "value", "target", "verdict"), ratios));

    out.append("\n### Redis per saga\n\n");
    out.append(redisTable(censusA, censusB));
    out.append("\n### Redis memory per finished saga (kept for the 7-day window)\n\n");
    List<List<String>> memory = new ArrayList<>();
    for (Variant variant : Variant.values()) {
      memory.add(List.of(variant.name(), f1(median(variant, m -> m.footprint().sagaLayerBytes())),
          f1(median(variant, m -> m.footprint().sandboxBytes())), f1(median(variant, m -> m.footprint().totalBytes())),
          f1(median(variant, m -> m.footprint().keysPerSaga())),
          Long.toString(measurements.stream().filter(m -> m.variant() == variant)
              .mapToLong(m -> m.footprint().keysWithoutTtl()).sum()),
          f1(median(variant, m -> m.footprint().usedMemoryPerSaga()))));
    }
    out.append(table(List.of("variant", "saga layer B (MEMORY USAGE)", "sandbox B", "total B", "keys", "keys without TTL",
        "used_memory growth per saga B"), memory));
    return out.toString();
  }

  private String redisTable(Measurement.Census censusA, Measurement.Census censusB) {
    Map<String, Double> callsA = measurements.stream().filter(m -> m.variant() == Variant.A).findFirst()
        .map(Measurement::callsPerSaga).orElse(Map.of());
    Map<String, Double> callsB = measurements.stream().filter(m -> m.variant() == Variant.B).findFirst()
        .map(Measurement::callsPerSaga).orElse(Map.of());
    TreeSet<String> commands = new TreeSet<>(callsA.keySet());
    commands.addAll(callsB.keySet());
    if (censusA != null) {
      commands.addAll(censusA.clientCommands().keySet());
    }
    if (censusB != null) {
      commands.addAll(censusB.clientCommands().keySet());
    }
    List<List<String>> rows = new ArrayList<>();
    for (String command : commands) {
      rows.add(List.of(command, f2(callsA.getOrDefault(command, 0.0)), f2(callsB.getOrDefault(command, 0.0)),
          censusA == null ? "-" : f2(censusA.clientCommands().getOrDefault(command, 0.0)),
          censusB == null ? "-" : f2(censusB.clientCommands().getOrDefault(command, 0.0))));
    }
    rows.add(List.of("**all**", f2(callsA.values().stream().mapToDouble(Double::doubleValue).sum()),
        f2(callsB.values().stream().mapToDouble(Double::doubleValue).sum()),
        censusA == null ? "-" : f2(censusA.roundTrips()), censusB == null ? "-" : f2(censusB.roundTrips())));
    return table(List.of("command", "A commands (commandstats)", "B commands (commandstats)", "A round trips (MONITOR)",
        "B round trips (MONITOR)"), rows);
  }

  private Measurement.Census census(Variant variant) {
    return measurements.stream().filter(m -> m.variant() == variant).map(Measurement::census)
        .filter(Objects::nonNull).findFirst().orElse(null);
  }

  /** Mean over the rounds of A's value divided by B's in the same round. */
  private double meanRatio(ToDoubleFunction<Measurement> value) {
    return perRound(value, (a, b) -> a / b).stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Median over the rounds of A's value minus B's in the same round. */
  private double medianDifference(ToDoubleFunction<Measurement> value) {
    return median(perRound(value, (a, b) -> a - b));
  }

  private List<Double> perRound(ToDoubleFunction<Measurement> value, java.util.function.DoubleBinaryOperator combine) {
    List<Double> results = new ArrayList<>();
    for (Measurement a : measurements) {
      if (a.variant() != Variant.A) {
        continue;
      }
      measurements.stream().filter(b -> b.variant() == Variant.B && b.round() == a.round()).findFirst()
          .ifPresent(b -> results.add(combine.applyAsDouble(value.applyAsDouble(a), value.applyAsDouble(b))));
    }
    return results;
  }

  private double median(Variant variant, ToDoubleFunction<Measurement> value) {
    return median(measurements.stream().filter(m -> m.variant() == variant).map(value::applyAsDouble).toList());
  }

  static double median(List<Double> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String table(List<String> header, List<List<String>> rows) {
    return TextTable.of(header, rows);
  }

  private static String verdict(boolean met) {
    return met ? "met" : "**missed**";
  }

  private static String f0(double value) {
    return String.format(Locale.ROOT, "%.0f", value);
  }

  private static String f1(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String f2(double value) {
    return String.format(Locale.ROOT, "%.2f", value);
  }

  private static String mib(long bytes) {
    return Long.toString(bytes / (1024 * 1024));
  }
}
