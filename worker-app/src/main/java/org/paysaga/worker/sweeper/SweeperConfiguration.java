package org.paysaga.worker.sweeper;

import io.temporal.client.WorkflowClient;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.lifecycle.RedisSagaLifecycle;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.saga.SweeperSettings;
import org.paysaga.sweeper.RedisSweeperActivities;
import org.paysaga.worker.config.SagaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The sweeper: its settings, its activities, and its start once the worker runs. */
@Configuration(proxyBeanMethods = false)
public class SweeperConfiguration {
  /** Bean name listed in {@code spring.temporal.workers[0].activity-beans}. */
  public static final String SWEEPER_ACTIVITIES_BEAN = "sweeperActivities";

  @Bean
  SweeperSettings sweeperSettings(SagaProperties properties) {
    return properties.sweeperSettings();
  }

  /** Moves sagas Temporal gave up on into the DLQ (DescribeWorkflowExecution over the registry). */
  @Bean(SWEEPER_ACTIVITIES_BEAN)
  RedisSweeperActivities sweeperActivities(InflightRegistry inflight, DlqStore dlq, IdempotencyBarrier barrier,
      RedisSagaLifecycle lifecycle, WorkflowClient client, SagaCatalog catalog, SweeperSettings settings) {
    return new RedisSweeperActivities(inflight, dlq, barrier, lifecycle, client, catalog, settings,
        System::currentTimeMillis);
  }

  @Bean
  SweeperStarter sweeperStarter(WorkflowClient client, SagaProperties properties) {
    return new SweeperStarter(client, properties.taskQueue());
  }
}
