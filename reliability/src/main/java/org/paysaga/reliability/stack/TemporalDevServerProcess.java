package org.paysaga.reliability.stack;

import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.ProcessSpec;
import org.paysaga.testsupport.Waits;

/**
 * The real Temporal server: {@code temporal server start-dev} (Temporal server 1.29.1, built by
 * {@code scripts/temporal.sh install}) on a free loopback port, headless, with a SQLite file in the
 * run's directory and the saga search attributes. Killed, it is started again on the same file and
 * the sagas go on where they were.
 */
public final class TemporalDevServerProcess extends TemporalEngine {
  private static final Duration STARTUP = Duration.ofSeconds(60);

  private final Path database;

  private TemporalDevServerProcess(ManagedProcess process, int port, Path database) {
    super(Kind.DEV_SERVER, process, port);
    this.database = database;
  }

  public static TemporalDevServerProcess start(Path temporalCli, Path workDir) {
    return start(temporalCli, workDir, true);
  }

  /** @param searchAttributes false for a namespace as a fresh cluster has it: without the saga's */
  public static TemporalDevServerProcess start(Path temporalCli, Path workDir, boolean searchAttributes) {
    if (temporalCli == null || !Files.isExecutable(temporalCli)) {
      throw new IllegalArgumentException("--temporal-cli " + temporalCli
          + " is not an executable temporal CLI: scripts/temporal.sh install builds one and prints its path");
    }
    try {
      Files.createDirectories(workDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + workDir, e);
    }
    int port = FreePorts.free();
    Path database = workDir.resolve("temporal.db");
    List<String> flags = new ArrayList<>();
    if (searchAttributes) {
      SagaSearchAttributes.devServerFlags().forEach(flag -> flags.addAll(List.of("--search-attribute", flag)));
    }
    ManagedProcess process = ProcessSpec.command("temporal-dev-server", temporalCli.toString(), "server", "start-dev",
            "--ip", "127.0.0.1", "--port", Integer.toString(port), "--headless",
            "--db-filename", database.toString(), "--log-level", "warn")
        .args(flags.toArray(String[]::new))
        .log(workDir.resolve("temporal-dev-server.log")).create();
    TemporalDevServerProcess server = new TemporalDevServerProcess(process, port, database);
    server.startAndAwaitServing();
    return server;
  }

  /** Starts the process (again, after a kill: on the same SQLite file) and waits until it serves. */
  public void startAndAwaitServing() {
    process().start();
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(address()).setHealthCheckAttemptTimeout(Duration.ofSeconds(2)).build());
    try {
      process().await("it serving on port " + port(), STARTUP, () -> {
        try {
          return stubs.healthCheck().getStatus() == HealthCheckResponse.ServingStatus.SERVING;
        } catch (RuntimeException e) {
          return false;
        }
      });
    } finally {
      stubs.shutdownNow();
    }
  }

  /** SIGKILL, a pause, then the same server on the same SQLite file. */
  public void killAndRestart(Duration down) {
    process().kill();
    Waits.pause(down);
    startAndAwaitServing();
  }

  public Path database() {
    return database;
  }

}
