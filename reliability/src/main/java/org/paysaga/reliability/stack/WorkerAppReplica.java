package org.paysaga.reliability.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One replica of the real worker app ({@code worker-app/target/worker-app.jar}) in its default
 * profile, pointed at the run's Temporal and Redis. Its environment holds only what the run sets:
 * nothing of the caller's {@code TEMPORAL_*}, {@code REDIS_*}, {@code SAGA_*} leaks in.
 */
public final class WorkerAppReplica implements AutoCloseable {
  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final ManagedProcess process;
  private final int managementPort;

  private WorkerAppReplica(ManagedProcess process, int managementPort) {
    this.process = process;
    this.managementPort = managementPort;
  }

  /**
   * @param settings {@code SAGA_*} and other environment variables for the worker (timeouts,
   *     recovery interval...)
   */
  public static WorkerAppReplica create(String name, Path jar, String heap, String temporalAddress,
      String redisUrl, Map<String, String> settings, Path logDir) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(jar.toAbsolutePath().normalize()
          + " is missing: build it first (./mvnw -B -DskipTests package)");
    }
    int managementPort = FreePorts.next();
    Map<String, String> environment = new HashMap<>(settings);
    environment.put("TEMPORAL_ADDRESS", temporalAddress);
    environment.put("REDIS_URL", redisUrl);
    environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
    List<String> command = List.of(ManagedProcess.javaExecutable(), "-Xmx" + heap, "-jar", jar.toString());
    ManagedProcess process = new ManagedProcess(name, command, environment, logDir.resolve(name + ".log"));
    return new WorkerAppReplica(process, managementPort);
  }

  public ManagedProcess process() {
    return process;
  }

  public String metricsUrl() {
    return "http://127.0.0.1:" + managementPort + "/actuator/prometheus";
  }

  /** Starts the replica and waits until its health endpoint says UP (Temporal and Redis reached). */
  public void startAndAwaitHealthy() {
    process.start();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health")).timeout(Duration.ofSeconds(5)).build();
    Waits.until(process.name() + " to be healthy (log " + process.log() + ")", STARTUP, () -> {
      if (!process.isAlive()) {
        throw new IllegalStateException(process.name() + " exited:\n" + process.tail(40));
      }
      try {
        HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 && response.body().contains("\"UP\"");
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(40));
  }
}
