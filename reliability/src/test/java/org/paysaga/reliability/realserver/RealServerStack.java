package org.paysaga.reliability.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.paysaga.reliability.stack.RedisServerProcess;
import org.paysaga.reliability.stack.TemporalDevServerProcess;
import org.paysaga.reliability.stack.WorkerAppReplica;
import redis.embedded.RedisServer;

/**
 * The product as a user deploys it, on the real engine: the Temporal dev server, a redis-server
 * and two replicas of the worker jar in the default profile (sticky execution on), with short
 * timeouts, recovery and sweeps so each path ends in seconds; the CLI jar runs against it.
 */
final class RealServerStack implements AutoCloseable {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path WORKER_JAR = ROOT.resolve("worker-app/target/worker-app.jar");
  static final Path CLI_JAR = ROOT.resolve("starter-cli/target/saga-cli.jar");
  /** One charge attempt may take 3 s; {@code tok_slow_5} times out on every attempt. */
  static final int CHANNEL_TIMEOUT_SECONDS = 3;

  final TemporalDevServerProcess temporal;
  final RedisServerProcess redis;
  final List<WorkerAppReplica> workers;
  final WorkflowServiceStubs stubs;
  final WorkflowClient client;
  final SagaCliProcess cli;

  private RealServerStack(TemporalDevServerProcess temporal, RedisServerProcess redis, List<WorkerAppReplica> workers) {
    this.temporal = temporal;
    this.redis = redis;
    this.workers = workers;
    this.stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    this.client = WorkflowClient.newInstance(stubs);
    this.cli = new SagaCliProcess(CLI_JAR, Map.of("TEMPORAL_ADDRESS", temporal.address(), "REDIS_URL", redis.url()));
  }

  static RealServerStack start(Path workDir) {
    Path temporalCli = temporalCli();
    for (Path jar : List.of(WORKER_JAR, CLI_JAR)) {
      assertThat(jar).as("built by the package phase before this integration test").isRegularFile();
    }
    TemporalDevServerProcess temporal = TemporalDevServerProcess.start(temporalCli, workDir.resolve("temporal"));
    RedisServerProcess redis = RedisServerProcess.start(embeddedRedisBinary(), workDir.resolve("redis"), workDir, true);
    Map<String, String> settings = Map.of(
        "SAGA_STEPS_CALLPAYMENTCHANNEL_STARTTOCLOSE", CHANNEL_TIMEOUT_SECONDS + "s",
        "SAGA_RECOVERY_INTERVAL", "2s",
        "SAGA_RECOVERY_GIVEUPAFTER", "8s",
        "SAGA_SWEEPER_INTERVAL", "2s",
        "SAGA_SHUTDOWN_GRACEPERIOD", "5s");
    List<WorkerAppReplica> workers = List.of(
        WorkerAppReplica.create("worker-1", WORKER_JAR, "384m", temporal.address(), redis.url(), settings, workDir),
        WorkerAppReplica.create("worker-2", WORKER_JAR, "384m", temporal.address(), redis.url(), settings, workDir));
    CompletableFuture.allOf(workers.stream().map(w -> CompletableFuture.runAsync(w::startAndAwaitHealthy))
        .toArray(CompletableFuture[]::new)).join();
    return new RealServerStack(temporal, redis, workers);
  }

  /**
   * The CLI that {@code scripts/temporal.sh install} built, asked of the script itself (the one
   * place that knows its cache). Without it the suite is skipped, except in CI, where it fails.
   */
  static Path temporalCli() {
    String path = null;
    try {
      Process process = new ProcessBuilder("bash", ROOT.resolve("scripts/temporal.sh").toString(), "path")
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 && !out.isEmpty()) {
        path = out;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (System.getenv("CI") == null) {
      assumeThat(path).as("no temporal CLI: scripts/temporal.sh install builds it (CI always does)").isNotNull();
    }
    assertThat(path).as("CI installs the temporal CLI before the build (scripts/temporal.sh install)").isNotNull();
    return Path.of(path);
  }

  /** The redis-server binary that embedded-redis ships for this platform. */
  private static String embeddedRedisBinary() {
    try {
      String binary = RedisServer.newRedisServer().port(6379).buildCommandArgs().get(0);
      if (!Files.isExecutable(Path.of(binary)) && !Path.of(binary).toFile().setExecutable(true)) {
        throw new IOException(binary + " is not executable");
      }
      return binary;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String workerLogs() {
    StringBuilder text = new StringBuilder();
    workers.forEach(w -> text.append("\n--- ").append(w.process().name()).append('\n').append(w.process().tail(30)));
    return text.toString();
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    workers.forEach(WorkerAppReplica::close);
    redis.close();
    temporal.close();
  }
}
