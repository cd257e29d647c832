package org.paysaga.cli.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.paysaga.cli.testing.SagaTestStack;

/**
 * The real worker app with its local stack ({@code local-stack/target/saga-local.jar}; failsafe
 * names it in {@code sagaLocal.jar}), as a process: the Temporal dev server or Temporal's Java test
 * server, and Redis, on free loopback ports, recovery that gives up at once (so a saga whose refund
 * fails parks in the DLQ within seconds).
 */
final class WorkerAppProcess implements AutoCloseable {
  static final Path JAR = Path.of(System.getProperty("sagaLocal.jar", "../local-stack/target/saga-local.jar"));
  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;
  private final Map<String, String> environment;
  private final int managementPort;

  private WorkerAppProcess(Process process, Path log, Map<String, String> environment, int managementPort) {
    this.process = process;
    this.log = log;
    this.environment = environment;
    this.managementPort = managementPort;
  }

  static WorkerAppProcess start(Path log) throws IOException {
    if (!Files.isRegularFile(JAR)) {
      throw new AssertionError(JAR.toAbsolutePath().normalize() + " is missing: build the local stack first "
          + "(./mvnw -pl local-stack -am package, or ./mvnw verify from the root, which builds it before the CLI)");
    }
    int managementPort = SagaTestStack.freePort();
    Map<String, String> environment = Map.of(
        "TEMPORAL_ADDRESS", "127.0.0.1:" + SagaTestStack.freePort(),
        "REDIS_URL", "redis://127.0.0.1:" + SagaTestStack.freePort(),
        "TEMPORAL_UI_URL", "http://ui.it:8080");
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m", "-jar", JAR.toString()));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("TEMPORAL_") || k.startsWith("REDIS_")
        || k.startsWith("SAGA_") || k.startsWith("SPRING_") || k.startsWith("MANAGEMENT_"));
    builder.environment().putAll(environment);
    // The local stack's data (dev server SQLite, Redis AOF) stays in this run's target directory.
    builder.environment().put("SAGA_LOCAL_DATADIR",
        Files.createTempDirectory(log.toAbsolutePath().getParent(), "local-data-").toString());
    builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
    // Recovery gives up at once: the refund-failure saga parks in the DLQ as soon as its refund gave up.
    builder.environment().put("SAGA_RECOVERY_INTERVAL", "1s");
    builder.environment().put("SAGA_RECOVERY_GIVEUPAFTER", "1ms");
    WorkerAppProcess worker = new WorkerAppProcess(builder.start(), log, environment, managementPort);
    worker.awaitHealthy();
    return worker;
  }

  /** The environment that points the command line at this worker's Temporal and Redis. */
  Map<String, String> environment() {
    return environment;
  }

  private void awaitHealthy() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"))
        .timeout(Duration.ofSeconds(5)).build();
    long deadline = System.nanoTime() + STARTUP.toNanos();
    String last = "no answer";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("the worker app exited with " + process.exitValue() + ":\n" + tail());
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.body();
        if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      sleep(500);
    }
    close();
    throw new AssertionError("the worker app was not healthy within " + STARTUP.toSeconds() + " s (last: " + last
        + "):\n" + tail());
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
        .toString();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
