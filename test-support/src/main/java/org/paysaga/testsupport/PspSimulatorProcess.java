package org.paysaga.testsupport;

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
import java.util.UUID;

/**
 * psp-simulator.jar (module psp-simulator) as a child process on a free port, with its journal in a
 * data directory of its own: started, SIGKILLed and started again on the same port and journal.
 * JDK only: {@link #audit()} hands back {@code GET /v1/audit}'s JSON as text.
 */
public final class PspSimulatorProcess implements AutoCloseable {
  /** The API key it is started with (its {@code --api-key}). */
  public static final String API_KEY = "sk_test_it";
  private static final Duration START = Duration.ofSeconds(30);
  private static final Duration AUDIT_TIMEOUT = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final int port;
  private final Path dataDir;
  private final ManagedProcess process;
  private boolean startedBefore;

  private PspSimulatorProcess(String name, Path dataDir, Path log, String... extraArgs) throws IOException {
    this.port = FreePorts.free();
    this.dataDir = Files.createDirectories(dataDir);
    List<String> args = new ArrayList<>(List.of("-jar", ProjectJars.pspSimulator().toString(),
        "--port", String.valueOf(port), "--data-dir", dataDir.toString(), "--api-key", API_KEY));
    args.addAll(List.of(extraArgs));
    this.process = ProcessSpec.java("psp-simulator-" + name, args.toArray(String[]::new)).log(log).create();
  }

  /**
   * Starts one with its journal in {@code target/psp-data/<name>-<uuid>} and its log in
   * {@code target/processes/psp-simulator-<name>.log}; waits until it listens.
   */
  public static PspSimulatorProcess start(String name, String... extraArgs) throws IOException {
    return started(new PspSimulatorProcess(name,
        Path.of("target", "psp-data", name + "-" + UUID.randomUUID()),
        Path.of("target", "processes", "psp-simulator-" + name + ".log"), extraArgs));
  }

  /**
   * Starts one with its journal in this directory (created if missing; a journal already there is
   * replayed) and its log beside it, {@code <dataDir>.log}; waits until it listens.
   */
  public static PspSimulatorProcess start(Path dataDir, String... extraArgs) throws IOException {
    Path absolute = dataDir.toAbsolutePath();
    return started(new PspSimulatorProcess(absolute.getFileName().toString(), absolute,
        absolute.resolveSibling(absolute.getFileName() + ".log"), extraArgs));
  }

  private static PspSimulatorProcess started(PspSimulatorProcess simulator) {
    simulator.startAgain();
    return simulator;
  }

  /** Starts it (again, after a kill) on the same port and data directory, and waits until it listens. */
  public synchronized void startAgain() {
    int linesBefore = startedBefore ? process.log().lines().size() : 0; // the first start empties the log
    process.start();
    startedBefore = true;
    process.await("its ready line", START, () -> process.log().lines().stream().skip(linesBefore)
        .anyMatch(line -> line.startsWith("psp-simulator listening on http://127.0.0.1:" + port)));
  }

  /** SIGKILL: no shutdown hook, as a crash; returns once it has exited. */
  public synchronized void kill() {
    process.kill();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public ManagedProcess process() {
    return process;
  }

  public int port() {
    return port;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public String apiKey() {
    return API_KEY;
  }

  /** {@code GET /v1/audit}'s body (JSON: charges, refunds, summary); fails unless it answers 200. */
  public String audit() {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/audit"))
        .timeout(AUDIT_TIMEOUT).header("Authorization", "Bearer " + API_KEY).build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("audit answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("audit of " + baseUrl() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading the audit", e);
    }
  }

  /** SIGTERM (SIGKILL after 20 s) if it runs; the journal stays. */
  @Override
  public void close() {
    process.close();
  }
}
