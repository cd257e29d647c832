package org.paysaga.worker.health;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import org.paysaga.worker.config.SagaProperties;
import org.paysaga.worker.redis.SagaRedis;
import org.paysaga.worker.temporal.TemporalWorkerConfiguration;
import org.paysaga.worker.temporal.WorkerStarter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code temporal} and {@code redis} health indicators; application.yaml puts both in the
 * readiness group (the liveness group holds only the app's own state, so a Redis outage makes the
 * worker unready, never restarted).
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfiguration {

  @Bean
  TemporalHealthIndicator temporalHealthIndicator(
      @Qualifier("temporalWorkflowServiceStubs") WorkflowServiceStubs stubs,
      @Qualifier(TemporalWorkerConfiguration.WORKER_FACTORY_BEAN) WorkerFactory workerFactory, WorkerStarter starter,
      @Value("${spring.temporal.connection.target}") String target,
      @Value("${spring.temporal.namespace:default}") String namespace,
      SagaProperties properties) {
    return new TemporalHealthIndicator(stubs, workerFactory, starter, target, namespace, properties.taskQueue());
  }

  @Bean
  RedisHealthIndicator redisHealthIndicator(SagaRedis redis) {
    return new RedisHealthIndicator(redis, Duration.ofSeconds(2));
  }
}
