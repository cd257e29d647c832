package org.paysaga.worker.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.util.Duration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.paysaga.wiring.SagaStores;
import org.paysaga.wiring.SagaWorker;
import org.paysaga.wiring.SagaWorkerOptions;
import org.paysaga.worker.config.SagaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The saga metrics on {@code /actuator/prometheus}: histogram buckets, the counters and timers
 * registered at zero, and the two gauges read from Redis. The counters and timers themselves are
 * emitted by the workflow code and reach this registry through the Temporal starter's metrics scope.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {
  /** How often tally hands its counters and gauges to Micrometer (timers go at once): the starter's. */
  static final Duration REPORT_INTERVAL = Duration.ofSeconds(10);

  /**
   * The scope the starter's service stubs and workers report to, in place of the starter's own
   * ({@code MetricsScopeAutoConfiguration}, which {@code WorkerApplication} excludes): the same
   * meters, through a reporter that looks each one up once.
   */
  @Bean(name = "temporalMetricsScope", destroyMethod = "close")
  Scope temporalMetricsScope(MeterRegistry registry) {
    return new RootScopeBuilder().reporter(new CachingStatsReporter(registry)).reportEvery(REPORT_INTERVAL);
  }

  @Bean
  SagaTags sagaTags() {
    return new SagaTags();
  }

  @Bean
  HistogramBuckets histogramBuckets() {
    return new HistogramBuckets();
  }

  @Bean
  MeterBinder sagaMetersAtZero(SagaWorkerOptions options, @Value("${spring.temporal.namespace}") String namespace) {
    return registry -> SagaMeters.registerAtZero(registry, options.catalog(), namespace, options.taskQueue());
  }

  /** {@code saga_in_progress} = the in-flight registry's size, {@code saga_dlq_size} = the DLQ index's. */
  @Bean
  RedisSagaGauges redisSagaGauges(MeterRegistry registry, SagaWorker sagaWorker, SagaProperties properties) {
    SagaStores stores = sagaWorker.stores();
    return new RedisSagaGauges(registry, stores.inflight()::size, stores.dlq()::size, properties.metrics().gaugeRefresh());
  }
}
