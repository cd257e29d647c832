package org.paysaga.worker.lifecycle;

import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.lifecycle.RedisSagaLifecycle;
import org.paysaga.saga.SagaSettings;
import org.paysaga.worker.config.SagaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What every saga reports about itself (in-flight registry, DLQ parking, the TTL of its
 * idempotency records), as local activities, and the recovery settings it reads through them.
 */
@Configuration(proxyBeanMethods = false)
public class SagaLifecycleConfiguration {
  /** Bean name listed in {@code spring.temporal.workers[0].activity-beans}. */
  public static final String SAGA_LIFECYCLE_BEAN = "sagaLifecycle";

  @Bean
  SagaSettings sagaSettings(SagaProperties properties) {
    return properties.sagaSettings();
  }

  @Bean(SAGA_LIFECYCLE_BEAN)
  RedisSagaLifecycle sagaLifecycle(InflightRegistry inflight, DlqStore dlq, IdempotencyBarrier barrier,
      SagaSettings settings, SagaProperties properties) {
    return new RedisSagaLifecycle(inflight, dlq, barrier, settings, properties.idempotency().ttl());
  }
}
