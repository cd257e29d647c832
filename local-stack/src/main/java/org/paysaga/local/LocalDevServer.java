package org.paysaga.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.saga.TemporalUi;

/**
 * The real Temporal server of the local stack: {@code temporal server start-dev} as a child
 * process on one loopback address, with its SQLite file in the data directory (sagas survive a
 * restart), the saga search attributes registered and the Web UI on the gRPC port + 1000.
 */
final class LocalDevServer implements LocalServer {
  private static final long READY_TIMEOUT_MS = 60_000;

  private final ChildProcess process;
  private final Path database;
  private final String uiUrl;

  private LocalDevServer(ChildProcess process, Path database, String uiUrl) {
    this.process = process;
    this.database = database;
    this.uiUrl = uiUrl;
  }

  /** @param uiCodecEndpoint the codec server the UI decodes payloads with, or null for none */
  static LocalDevServer start(Path cli, String host, int port, String namespace, Path dataDir, String uiCodecEndpoint) {
    Path database = dataDir.resolve("temporal-" + port + ".db");
    Path log = dataDir.resolve("temporal-" + port + ".log");
    List<String> command = new ArrayList<>(List.of(cli.toString(), "server", "start-dev",
        "--ip", host, "--port", Integer.toString(port), "--ui-port", Integer.toString(port + TemporalUi.UI_PORT_OFFSET),
        "--db-filename", database.toString(), "--namespace", namespace, "--log-level", "warn"));
    SagaSearchAttributes.devServerFlags().forEach(flag -> command.addAll(List.of("--search-attribute", flag)));
    if (uiCodecEndpoint != null) {
      command.addAll(List.of("--ui-codec-endpoint", uiCodecEndpoint));
    }
    ChildProcess process;
    try {
      Files.createDirectories(dataDir);
      process = new ChildProcess(new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start(), "local-temporal");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the Temporal dev server " + cli, e);
    }
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    while (EndpointProbe.temporal(host, port).answer() != EndpointProbe.Answer.EXPECTED) {
      boolean exited = !process.isAlive();
      if (exited || System.currentTimeMillis() > deadline) {
        process.stop(Duration.ZERO);
        throw new LocalStackException("The Temporal dev server " + (exited ? "exited" : "did not answer within "
            + READY_TIMEOUT_MS / 1000 + " s") + " on " + host + ":" + port + ": " + tail(log) + ".",
            "Read " + log + "; a port of the UI (" + (port + TemporalUi.UI_PORT_OFFSET) + ") held by another"
                + " program stops it too. SAGA_LOCAL_ENGINE=test-server runs the Java test server instead.");
      }
      sleep(250);
    }
    return new LocalDevServer(process, database, "http://" + host + ":" + (port + TemporalUi.UI_PORT_OFFSET));
  }

  Path database() {
    return database;
  }

  String uiUrl() {
    return uiUrl;
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Temporal dev server", e);
    }
  }

  /** SIGTERM (the server closes SQLite cleanly), SIGKILL after 10 s. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }
}
