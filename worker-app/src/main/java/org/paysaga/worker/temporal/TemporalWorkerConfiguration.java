package org.paysaga.worker.temporal;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.ports.PaymentServices;
import org.paysaga.wiring.SagaWorker;
import org.paysaga.wiring.SagaWorkerOptions;
import org.paysaga.worker.config.SagaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The saga worker on the Temporal starter's client: its options from {@code saga.*}, the one
 * wiring of workflows and activities ({@link SagaWorker}), the worker factory, and its start and
 * graceful stop. The starter provides the connection, the client and the metrics scope.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalWorkerConfiguration {
  public static final String WORKER_FACTORY_BEAN = "sagaWorkerFactory";
  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerConfiguration.class);

  @Bean
  SagaWorkerOptions sagaWorkerOptions(SagaProperties properties) {
    return properties.workerOptions();
  }

  @Bean
  SagaWorker sagaWorker(WorkflowClient client, RedisClusterCommands<String, String> redisCommands,
      SagaWorkerOptions options, PaymentServices paymentServices, ServiceCallObserver serviceCallObserver) {
    if (!options.stickyExecution()) {
      log.info("Sticky execution off (saga.sticky-execution=false): every workflow task replays the saga's history");
    }
    return new SagaWorker(client, redisCommands, options, paymentServices, serviceCallObserver);
  }

  /** One worker on the saga task queue; started by {@link WorkerStarter} once the app is ready. */
  @Bean(WORKER_FACTORY_BEAN)
  WorkerFactory sagaWorkerFactory(WorkflowClient client, SagaWorker sagaWorker) {
    WorkerFactory factory = WorkerFactory.newInstance(client);
    sagaWorker.newWorker(factory);
    return factory;
  }

  /** A CA and a server name for TLS to Temporal beyond the starter's properties. */
  @Bean
  TemporalTls temporalTls(Environment environment) {
    String mtls = "spring.temporal.connection.mtls.";
    return new TemporalTls(environment.getProperty("saga.temporal-tls.ca-file"),
        environment.getProperty("saga.temporal-tls.server-name"),
        environment.getProperty(mtls + "cert-chain-file"), environment.getProperty(mtls + "key-file"),
        environment.getProperty(mtls + "key-password"));
  }

  @Bean
  WorkerStarter workerStarter(@Qualifier(WORKER_FACTORY_BEAN) WorkerFactory workerFactory,
      @Qualifier("temporalWorkflowServiceStubs") WorkflowServiceStubs stubs, ApplicationEventPublisher events,
      Environment environment, ConfigurableApplicationContext context) {
    SearchAttributeCheck check = new SearchAttributeCheck(stubs, environment.getProperty("spring.temporal.namespace", "default"));
    return new WorkerStarter(workerFactory, check, events, environment.getProperty("spring.temporal.connection.target"),
        message -> {
          log.error("The worker cannot start: {}", message);
          System.exit(SpringApplication.exit(context, () -> 1));
        });
  }

  @Bean
  WorkerShutdown workerShutdown(
      @Qualifier(WORKER_FACTORY_BEAN) WorkerFactory workerFactory, SagaProperties properties) {
    return new WorkerShutdown(workerFactory, properties.shutdown().gracePeriod());
  }
}
