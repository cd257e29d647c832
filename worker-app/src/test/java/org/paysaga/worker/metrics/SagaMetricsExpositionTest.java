package org.paysaga.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.MetricsTag;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.saga.SagaCatalog;

/**
 * The path of a saga metric from a tally scope (what {@code Workflow.getMetricsScope()} is) through
 * the SDK's Micrometer reporter to the Prometheus text: the names docs/worker-app.md documents (no
 * {@code _total_total}), the kept tags, the buckets, and the zero-registered series being the ones
 * later incremented.
 */
class SagaMetricsExpositionTest {

  @Test
  void sagaMetricsKeepTheirDesignNamesTagsAndBuckets() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(new SagaTags()).meterFilter(new HistogramBuckets());
    SagaMeters.registerAtZero(registry,
        new SagaCatalog(Map.of(PaymentSaga.WORKFLOW_TYPE, PaymentSteps.ALL)), "default", "payment-saga");
    String atZero = registry.scrape();
    assertThat(atZero).contains(
        "saga_total{namespace=\"default\",saga_type=\"PaymentSaga\",status=\"completed\",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\"} 0.0");

    // What the worker's workflow scope looks like: the SDK's default tags plus its own.
    Map<String, String> workflowTags = new LinkedHashMap<>(MetricsTag.defaultTags("default"));
    workflowTags.put(MetricsTag.TASK_QUEUE, "payment-saga");
    workflowTags.put(MetricsTag.WORKER_TYPE, "WorkflowWorker");
    workflowTags.put(MetricsTag.WORKFLOW_TYPE, PaymentSaga.WORKFLOW_TYPE);
    Scope root = new RootScopeBuilder().reporter(new MicrometerClientStatsReporter(registry))
        .reportEvery(com.uber.m3.util.Duration.ofMillis(20));
    Scope workflow = root.tagged(workflowTags);
    workflow.tagged(Map.of("saga_type", "PaymentSaga", "status", "completed")).counter("saga_total").inc(1);
    workflow.tagged(Map.of("saga_type", "PaymentSaga")).timer("saga_duration_seconds")
        .record(com.uber.m3.util.Duration.ofMillis(1500));
    workflow.tagged(Map.of("saga_type", "PaymentSaga", "step", "CallPaymentChannel"))
        .counter("saga_compensation_retries").inc(3);
    // The scope reports what it buffered every 20 ms (the starter's scope: every 10 s).
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.scrape().contains("saga_compensation_retries_total{")
        && registry.scrape().contains("saga_duration_seconds_count{namespace=\"default\",saga_type=\"PaymentSaga\",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\"} 1"));
    String text = registry.scrape();
    String kept = "namespace=\"default\",saga_type=\"PaymentSaga\"";
    assertThat(text)
        .contains("saga_total{" + kept + ",status=\"completed\",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\"} 1.0")
        .contains("saga_compensation_retries_total{" + kept + ",step=\"CallPaymentChannel\",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\"} 3.0")
        .contains("saga_duration_seconds_count{" + kept + ",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\"} 1")
        .contains("saga_duration_seconds_bucket{" + kept + ",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\",le=\"1.0\"} 0")
        .contains("saga_duration_seconds_bucket{" + kept + ",task_queue=\"payment-saga\",workflow_type=\"PaymentSaga\",le=\"2.5\"} 1")
        .doesNotContain("saga_total_total", "activity_type=\"none\"", "worker_type=");
    List<String> les = text.lines()
        .filter(l -> l.startsWith("saga_duration_seconds_bucket{") && l.contains("workflow_type=\"PaymentSaga\""))
        .map(l -> l.replaceAll(".*le=\"([^\"]+)\".*", "$1"))
        .toList();
    assertThat(les).containsExactly("0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
        "15.0", "30.0", "60.0", "120.0", "300.0", "+Inf");
    assertThat(HistogramBuckets.seconds(HistogramBuckets.SAGA)).first().isEqualTo(0.01);
    assertThat(HistogramBuckets.seconds(HistogramBuckets.SAGA)).last().isEqualTo(300.0);
  }
}
