package org.paysaga.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import com.uber.m3.util.ImmutableMap;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The caching reporter exposes what the SDK's reporter exposes, series by series. */
class CachingStatsReporterTest {
  private static final Map<String, String> POLL = new ImmutableMap<>(
      Map.of("namespace", "default", "task_queue", "payment-saga", "operation", "PollActivityTaskQueue"));
  private static final Map<String, String> SAGA = new ImmutableMap<>(Map.of("namespace", "default",
      "task_queue", "payment-saga", "workflow_type", "PaymentSaga", "saga_type", "PaymentSaga", "status", "completed"));

  /** What a worker reports: per-call timers, buffered counters, gauges; twice, with a gauge changing. */
  private static void report(StatsReporter reporter) {
    for (int round = 1; round <= 2; round++) {
      reporter.reportTimer("temporal_long_request_latency", POLL, Duration.ofMillis(40 * round));
      reporter.reportTimer("saga_duration_seconds", SAGA, Duration.ofMillis(1500));
      reporter.reportCounter("temporal_long_request", POLL, 3);
      reporter.reportCounter("saga_total", SAGA, 1);
      reporter.reportGauge("temporal_num_pollers", POLL, 5 * round);
    }
  }

  private static PrometheusMeterRegistry registry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new SagaTags()).meterFilter(new HistogramBuckets());
    return registry;
  }

  private static String scrapeAfter(Consumer<PrometheusMeterRegistry> reports) {
    PrometheusMeterRegistry registry = registry();
    reports.accept(registry);
    return registry.scrape();
  }

  @Test
  void exposesTheSameSeriesAsTheSdksReporter() {
    String sdk = scrapeAfter(registry -> report(new MicrometerClientStatsReporter(registry)));
    String cached = scrapeAfter(registry -> report(new CachingStatsReporter(registry)));

    assertThat(cached).isEqualTo(sdk)
        .contains("temporal_long_request_total{namespace=\"default\",operation=\"PollActivityTaskQueue\",task_queue=\"payment-saga\"} 6.0")
        .contains("temporal_num_pollers{namespace=\"default\",operation=\"PollActivityTaskQueue\",task_queue=\"payment-saga\"} 10.0")
        .contains("saga_total{namespace=\"default\",saga_type=\"PaymentSaga\",status=\"completed\",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\"} 2.0")
        .contains("saga_duration_seconds_bucket{namespace=\"default\",saga_type=\"PaymentSaga\",status=\"completed\",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\",le=\"2.5\"} 2");
  }

  @Test
  void recordsEveryReportOnOneMeterPerSeries() {
    PrometheusMeterRegistry registry = registry();
    CachingStatsReporter reporter = new CachingStatsReporter(registry);
    report(reporter);
    reporter.reportTimer("temporal_long_request_latency", new ImmutableMap<>(Map.copyOf(POLL)), Duration.ofMillis(10));

    Timer latency = registry.get("temporal_long_request_latency").timer();
    assertThat(registry.find("temporal_long_request_latency").timers()).hasSize(1);
    assertThat(latency.count()).isEqualTo(3);
    assertThat(latency.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(130.0);
    assertThat(registry.get("temporal_num_pollers").gauge().value()).isEqualTo(10.0);
  }

  @Test
  void leavesTheRegistryOpenWhenTheScopeCloses() {
    PrometheusMeterRegistry registry = registry();
    CachingStatsReporter reporter = new CachingStatsReporter(registry);
    reporter.reportHistogramValueSamples("ignored", POLL, null, 0, 1, 1);
    reporter.flush();
    reporter.close();

    assertThat(registry.isClosed()).isFalse();
    assertThat(registry.find("ignored").meters()).isEmpty();
    assertThat(reporter.capabilities()).isEqualTo(CapableOf.REPORTING);
  }
}
