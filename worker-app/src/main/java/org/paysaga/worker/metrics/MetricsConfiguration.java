package org.paysaga.worker.metrics;

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
