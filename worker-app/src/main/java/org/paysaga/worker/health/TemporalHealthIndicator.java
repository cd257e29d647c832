package org.paysaga.worker.health;

import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.WorkerFactory;
import org.paysaga.worker.temporal.WorkerStarter;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code temporal}: UP when the Temporal frontend answers the gRPC health check as SERVING and the
 * workers poll; DOWN when the server does not answer or the workers could not start yet (e.g. the
 * namespace does not exist); OUT_OF_SERVICE once the workers are shut down.
 */
public final class TemporalHealthIndicator implements HealthIndicator {
  private final WorkflowServiceStubs stubs;
  private final WorkerFactory workerFactory;
  private final WorkerStarter starter;
  private final String target;
  private final String namespace;
  private final String taskQueue;

  public TemporalHealthIndicator(WorkflowServiceStubs stubs, WorkerFactory workerFactory, WorkerStarter starter,
      String target, String namespace, String taskQueue) {
    this.stubs = stubs;
    this.workerFactory = workerFactory;
    this.starter = starter;
    this.target = target;
    this.namespace = namespace;
    this.taskQueue = taskQueue;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.unknown()
        .withDetail("target", target)
        .withDetail("namespace", namespace)
        .withDetail("taskQueue", taskQueue)
        .withDetail("workers", workers());
    try {
      HealthCheckResponse response = stubs.healthCheck();
      if (response.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
        return health.down().withDetail("error", "server health: " + response.getStatus()).build();
      }
    } catch (StatusRuntimeException e) {
      return health.down().withDetail("error", e.getStatus().getCode() + ": "
          + (e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription())).build();
    } catch (RuntimeException e) {
      return health.down().withDetail("error", e.getClass().getSimpleName() + ": " + e.getMessage()).build();
    }
    if (workerFactory.isShutdown()) {
      return health.outOfService().build();
    }
    if (!workerFactory.isStarted()) {
      String error = starter.lastError();
      return health.down().withDetail("error", error == null ? "workers not started yet" : "workers cannot start: " + error)
          .build();
    }
    return health.up().build();
  }

  private String workers() {
    if (workerFactory.isTerminated()) {
      return "terminated";
    }
    if (workerFactory.isShutdown()) {
      return "shutting down";
    }
    return workerFactory.isStarted() ? "polling" : "not started";
  }
}
