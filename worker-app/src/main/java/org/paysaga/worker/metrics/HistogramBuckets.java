package org.paysaga.worker.metrics;

import org.paysaga.saga.SagaMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Histogram buckets ({@code le}) of the timers. The two saga timers get buckets for durations from
 * 10 ms to 5 min; Temporal's {@code temporal_*} timers (which ask Micrometer for its ~70 default
 * buckets) get a shorter list from 1 ms to 1 min, enough for the dashboard's p95 panels.
 */
public final class HistogramBuckets implements MeterFilter {
  /** {@code saga_duration_seconds}, {@code saga_step_duration_seconds}: 10 ms .. 5 min. */
  public static final List<Duration> SAGA = List.of(
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
      Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30),
      Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5));

  /** Temporal SDK latencies: 1 ms .. 1 min. */
  public static final List<Duration> TEMPORAL = List.of(
      Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
      Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
      Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10),
      Duration.ofSeconds(30), Duration.ofMinutes(1));

  @Override
  public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
    if (id.getType() != Meter.Type.TIMER) {
      return config;
    }
    String name = id.getName();
    if (name.equals(SagaMetrics.SAGA_DURATION) || name.equals(SagaMetrics.STEP_DURATION)) {
      return buckets(SAGA).merge(config);
    }
    if (name.startsWith("temporal_")) {
      return buckets(TEMPORAL).merge(config);
    }
    return config;
  }

  private static DistributionStatisticConfig buckets(List<Duration> bounds) {
    return DistributionStatisticConfig.builder()
        .percentilesHistogram(false)
        .percentiles()
        // Timers keep nanoseconds inside; Prometheus shows seconds.
        .serviceLevelObjectives(bounds.stream().mapToDouble(Duration::toNanos).toArray())
        .build();
  }

  /** The bounds as Prometheus prints them in {@code le}, e.g. {@code 0.01}, {@code 300.0}. */
  public static List<Double> seconds(List<Duration> bounds) {
    return Arrays.stream(bounds.stream().mapToDouble(d -> d.toNanos() / 1e9).toArray()).boxed().toList();
  }
}
