package org.paysaga.worker.sweeper;

import io.temporal.client.WorkflowClient;
import org.paysaga.worker.config.SagaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts the sweeper workflow once the workers run (its activities are wired by {@code SagaWorker}). */
@Configuration(proxyBeanMethods = false)
public class SweeperConfiguration {
  @Bean
  SweeperStarter sweeperStarter(WorkflowClient client, SagaProperties properties) {
    return new SweeperStarter(client, properties.taskQueue());
  }
}
