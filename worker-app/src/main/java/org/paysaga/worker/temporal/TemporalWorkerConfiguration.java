package org.paysaga.worker.temporal;

import io.temporal.activity.ActivityOptions;
import io.temporal.spring.boot.WorkerOptionsCustomizer;
import io.temporal.spring.boot.WorkflowImplementationOptionsCustomizer;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.saga.SagaCompensation;
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
 * What the worker adds to the Temporal starter: the configured step timeouts on the saga
 * workflows, the saga catalog, and the graceful stop of the workers. The workers themselves (task
 * queue, workflow classes, activity beans) are declared in application.yaml under
 * {@code spring.temporal.workers}.
 */
@Configuration(proxyBeanMethods = false)
public class TemporalWorkerConfiguration {
  private static final Logger log = LoggerFactory.getLogger(TemporalWorkerConfiguration.class);

  /** The saga types this worker runs, with the configured step timeouts. */
  @Bean
  SagaCatalog sagaCatalog(SagaProperties properties) {
    return properties.catalog();
  }

  /**
   * Registers each saga workflow with its steps' start-to-close timeouts
   * ({@code saga.steps.<Step>.start-to-close}) keyed by activity type, so configuration wins over
   * the workflow code's fallback (see {@link SagaActivityOptions}). A saga type is found in the
   * catalog by its workflow type; the generic compensation workflow runs the compensations of every
   * type and gets all of them.
   */
  @Bean
  WorkflowImplementationOptionsCustomizer sagaStepTimeouts(SagaCatalog catalog) {
    Map<String, Map<String, ActivityOptions>> byWorkflowType = new HashMap<>();
    Map<String, ActivityOptions> all = new HashMap<>();
    catalog.all().forEach((type, steps) -> {
      Map<String, ActivityOptions> perStep = SagaActivityOptions.perStep(steps, Map.of());
      byWorkflowType.put(type, perStep);
      all.putAll(perStep);
    });
    byWorkflowType.put(SagaCompensation.WORKFLOW_TYPE, all);
    return (builder, worker, implementation, workflowMethod) -> {
      Map<String, ActivityOptions> perStep =
          workflowMethod == null ? null : byWorkflowType.get(workflowMethod.getName());
      return perStep == null ? builder : builder.setActivityOptions(perStep);
    };
  }

  /**
   * Sticky execution (Temporal's default) stays on against a real server. It goes off with
   * {@code saga.sticky-execution=false}, for Temporal's Java test server (the local stack sets it
   * when it runs one): that server never hands a workflow task queued on a stopped worker's sticky
   * queue to another worker (it implements neither the sticky schedule-to-start timeout nor the
   * ShutdownWorker call), so a saga would hang after a worker restart. Each workflow task then goes
   * to the shared queue and replays the saga's short history (docs/design.md "Engines").
   */
  @Bean
  WorkerOptionsCustomizer stickyExecution(Environment environment) {
    boolean sticky = environment.getProperty("saga.sticky-execution", Boolean.class, true);
    return (options, workerName, taskQueue) -> sticky ? options
        : options.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
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
  WorkerStarter workerStarter(@Qualifier("temporalWorkerFactory") WorkerFactory workerFactory,
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
      @Qualifier("temporalWorkerFactory") WorkerFactory workerFactory, SagaProperties properties) {
    return new WorkerShutdown(workerFactory, properties.shutdown().gracePeriod());
  }
}
