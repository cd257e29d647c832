package org.paysaga.reliability.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.ProcessSpec;

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
    int port = FreePorts.free();
    ManagedProcess process = ProcessSpec.java("temporal-test-server", "-Xmx" + heap,
            "-cp", System.getProperty("java.class.path"), "io.temporal.testserver.TestServer", Integer.toString(port))
        .log(logDir.resolve("temporal-test-server.log")).start();
    process.awaitPort(port, Duration.ofSeconds(60));
    TemporalTestServerProcess server = new TemporalTestServerProcess(process, port);
    // It starts without custom search attributes (and cannot list them): register the sagas'.
    SagaSearchAttributes.register(server.address(), "default");
    return server;
  }
}
