package org.paysaga.reliability.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.paysaga.saga.SagaSearchAttributes;

/**
 * Temporal's standalone Java test server ({@code io.temporal.testserver.TestServer <port>}, no
 * time skipping) in its own JVM on a free loopback port, started from this jar's classpath.
 */
public final class TemporalTestServerProcess extends TemporalEngine {
  private TemporalTestServerProcess(ManagedProcess process, int port) {
    super(Kind.TEST_SERVER, process, port);
  }

  public static TemporalTestServerProcess start(Path logDir, String heap) {
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + logDir, e);
    }
    int port = FreePorts.next();
    List<String> command = List.of(ManagedProcess.javaExecutable(), "-Xmx" + heap,
        "-cp", System.getProperty("java.class.path"), "io.temporal.testserver.TestServer", Integer.toString(port));
    ManagedProcess process = new ManagedProcess("temporal-test-server", command, Map.of(),
        logDir.resolve("temporal-test-server.log"));
    process.start();
    Waits.until("Temporal's test server on port " + port + " (log " + process.log() + ")",
        Duration.ofSeconds(60), () -> {
          if (!process.isAlive()) {
            throw new IllegalStateException("the test server exited:\n" + process.tail(30));
          }
          return accepts(port);
        });
    TemporalTestServerProcess server = new TemporalTestServerProcess(process, port);
    // It starts without custom search attributes (and cannot list them): register the sagas'.
    SagaSearchAttributes.register(server.address(), "default");
    return server;
  }

  static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

}
