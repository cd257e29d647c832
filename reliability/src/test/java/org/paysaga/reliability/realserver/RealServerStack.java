package org.paysaga.reliability.realserver;

import org.paysaga.reliability.stack.StackCodec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.paysaga.reliability.chaos.ChaosStack;
import org.paysaga.reliability.stack.RedisServerProcess;
import org.paysaga.reliability.stack.TemporalDevServerProcess;
import org.paysaga.testsupport.ProcessResult;
import org.paysaga.testsupport.ProcessSpec;
import org.paysaga.testsupport.ProjectJars;
import org.paysaga.testsupport.SagaCliJar;
import org.paysaga.testsupport.WorkerApp;
import redis.embedded.RedisServer;

/**
 * The product as a user deploys it, on the real engine: the Temporal dev server, a redis-server
 * and two replicas of the worker jar in the default profile (sticky execution on), with short
 * timeouts, recovery and sweeps so each path ends in seconds; the CLI jar runs against it.
 */
public final class RealServerStack implements AutoCloseable {
  /** One charge attempt may take 3 s; {@code tok_slow_5} times out on every attempt. */
  static final int CHANNEL_TIMEOUT_SECONDS = 3;

  final TemporalDevServerProcess temporal;
  final RedisServerProcess redis;
  final List<WorkerApp> workers;
  final WorkflowServiceStubs stubs;
  final WorkflowClient client;
  final SagaCliJar cli;

  private RealServerStack(TemporalDevServerProcess temporal, RedisServerProcess redis, List<WorkerApp> workers) {
    this.temporal = temporal;
    this.redis = redis;
    this.workers = workers;
    this.stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    this.client = StackCodec.client(stubs);
    this.cli = new SagaCliJar(Map.of("TEMPORAL_ADDRESS", temporal.address(), "REDIS_URL", redis.url()));
  }

  static RealServerStack start(Path workDir) {
    Path temporalCli = temporalCli();
    Path workerJar = ProjectJars.workerApp();
    ProjectJars.sagaCli(); // missing, it fails now rather than after the servers started
    TemporalDevServerProcess temporal = TemporalDevServerProcess.start(temporalCli, workDir.resolve("temporal"));
    RedisServerProcess redis = RedisServerProcess.start(embeddedRedisBinary(), workDir.resolve("redis"), workDir, true);
    Map<String, String> settings = Map.of(
        "SAGA_STEPS_CALLPAYMENTCHANNEL_STARTTOCLOSE", CHANNEL_TIMEOUT_SECONDS + "s",
        "SAGA_RECOVERY_INTERVAL", "2s",
        "SAGA_RECOVERY_GIVEUPAFTER", "8s",
        "SAGA_SWEEPER_INTERVAL", "2s",
        "SAGA_SHUTDOWN_GRACEPERIOD", "5s");
    List<WorkerApp> workers = List.of(ChaosStack.worker("worker-1", workerJar, temporal, redis, settings, workDir),
        ChaosStack.worker("worker-2", workerJar, temporal, redis, settings, workDir));
    CompletableFuture.allOf(workers.stream().map(w -> CompletableFuture.runAsync(w::startAndAwaitHealthy))
        .toArray(CompletableFuture[]::new)).join();
    return new RealServerStack(temporal, redis, workers);
  }

  /**
   * The CLI that {@code scripts/temporal.sh install} built, asked of the script itself (the one
   * place that knows its cache). Without it the suite is skipped, except in CI, where it fails.
   */
  public static Path temporalCli() {
    ProcessResult asked = ProcessSpec.command("temporal.sh path", "bash",
        ProjectJars.root().resolve("scripts/temporal.sh").toString(), "path").run(Duration.ofSeconds(30));
    String path = asked.exitCode() == 0 && !asked.stdout().isBlank() ? asked.stdout().strip() : null;
    if (System.getenv("CI") == null) {
      assumeThat(path).as("no temporal CLI: scripts/temporal.sh install builds it (CI always does)").isNotNull();
    }
    assertThat(path).as("CI installs the temporal CLI before the build (scripts/temporal.sh install)").isNotNull();
    return Path.of(path);
  }

  /** The redis-server binary that embedded-redis ships for this platform. */
  public static String embeddedRedisBinary() {
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
    workers.forEach(w -> text.append("\n--- ").append(w.process().name()).append('\n').append(w.process().log().tail(30)));
    return text.toString();
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    workers.forEach(WorkerApp::close);
    redis.close();
    temporal.close();
  }
}
