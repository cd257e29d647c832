package org.paysaga.worker.metrics;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The Temporal SDK's tally metrics (and the saga metrics the workflows emit through
 * {@code Workflow.getMetricsScope()}) as Micrometer meters: the same names, tags and histogram
 * timers as the SDK's {@code MicrometerClientStatsReporter}, but each meter is looked up in the
 * registry once. Tally reports a timer on every record (each gRPC call, each task), and the SDK's
 * reporter builds and registers a {@code Timer} for each of them, which was most of what the
 * metrics cost the worker in the benchmark's profile (docs/BENCHMARKS.md).
 *
 * <p>The registry's meter filters apply when a meter is first registered, as before. {@link #close}
 * leaves the registry open: Spring owns it, and the actuator still serves it while the app stops.
 */
final class CachingStatsReporter implements StatsReporter {
  /** A tally series: its name and tags (tally's tag maps are immutable). */
  private record Series(String name, Map<String, String> tags) {}

  /** A gauge's last reported value, which Micrometer reads on a scrape. */
  private static final class GaugeValue {
    private volatile double value;
  }

  private final MeterRegistry registry;
  private final ConcurrentMap<Series, Counter> counters = new ConcurrentHashMap<>();
  private final ConcurrentMap<Series, Timer> timers = new ConcurrentHashMap<>();
  private final ConcurrentMap<Series, GaugeValue> gauges = new ConcurrentHashMap<>();

  CachingStatsReporter(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void reportCounter(String name, Map<String, String> tags, long value) {
    meter(counters, name, tags, s -> registry.counter(s.name(), tags(s.tags()))).increment(value);
  }

  @Override
  public void reportGauge(String name, Map<String, String> tags, double value) {
    meter(gauges, name, tags, s -> {
      GaugeValue holder = new GaugeValue();
      Gauge.builder(s.name(), holder, h -> h.value).tags(tags(s.tags())).register(registry);
      return holder;
    }).value = value;
  }

  @Override
  public void reportTimer(String name, Map<String, String> tags, Duration interval) {
    meter(timers, name, tags, s -> Timer.builder(s.name()).tags(tags(s.tags()))
        .publishPercentileHistogram(true).register(registry))
        .record(interval.getNanos(), TimeUnit.NANOSECONDS);
  }

  // Tally histograms are not used by the SDK; its reporter ignores them too.
  @Override
  public void reportHistogramValueSamples(String name, Map<String, String> tags, Buckets buckets,
      double bucketLowerBound, double bucketUpperBound, long samples) {}

  @Override
  public void reportHistogramDurationSamples(String name, Map<String, String> tags, Buckets buckets,
      Duration bucketLowerBound, Duration bucketUpperBound, long samples) {}

  @Override
  public Capabilities capabilities() {
    return CapableOf.REPORTING;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}

  private static <M> M meter(ConcurrentMap<Series, M> meters, String name, Map<String, String> tags,
      Function<Series, M> register) {
    Series series = new Series(name, tags);
    M meter = meters.get(series); // the hot path: no lock once the series is known
    return meter != null ? meter : meters.computeIfAbsent(series, register);
  }

  private static List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream().map(e -> Tag.of(e.getKey(), e.getValue())).toList();
  }
}
