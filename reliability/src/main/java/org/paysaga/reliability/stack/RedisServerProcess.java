package org.paysaga.reliability.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.ProcessSpec;
import org.paysaga.testsupport.Waits;

/**
 * A real {@code redis-server} of its own, on a free loopback port, with its data directory under
 * the run's directory. With append-only persistence a kill and restart keeps every acknowledged
 * write (the AOF is written before the reply is sent; fsync once a second only matters when the
 * machine, not the process, dies).
 */
public final class RedisServerProcess implements AutoCloseable {
  private final ManagedProcess process;
  private final int port;
  private final Path dataDir;

  private RedisServerProcess(ManagedProcess process, int port, Path dataDir) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
  }

  /**
   * @param binary the redis-server executable
   * @param appendOnly append-only persistence on, or no persistence at all
   */
  public static RedisServerProcess start(String binary, Path dataDir, Path logDir, boolean appendOnly) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int port = FreePorts.free();
    ManagedProcess process = ProcessSpec.command("redis-server", binary, "--port", Integer.toString(port),
            "--bind", "127.0.0.1", "--dir", dataDir.toAbsolutePath().toString(), "--save", "", "--daemonize", "no",
            "--appendonly", appendOnly ? "yes" : "no", "--appendfsync", "everysec")
        .log(logDir.resolve("redis-server.log")).create();
    RedisServerProcess redis = new RedisServerProcess(process, port, dataDir);
    redis.startAndAwait();
    return redis;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public ManagedProcess process() {
    return process;
  }

  /** SIGKILL, then the same server again on the same port and data directory. */
  public void killAndRestart(Duration down) {
    process.kill();
    Waits.pause(down);
    startAndAwait();
  }

  /**
   * SIGKILL, its data deleted (append-only file and snapshot), then a server again on the same port,
   * empty: what clients see after a failover to a replica that missed every write.
   */
  public void killWipeAndRestart(Duration down) {
    process.kill();
    deleteContents(dataDir);
    Waits.pause(down);
    startAndAwait();
  }

  static void deleteContents(Path dir) {
    try (java.util.stream.Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        if (!path.equals(dir)) {
          Files.delete(path);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete Redis's data in " + dir, e);
    }
  }

  private void startAndAwait() {
    process.start();
    process.await("its data loaded (PING answered)", Duration.ofSeconds(60), () -> "+PONG".equals(ping()));
  }

  /** PING over a raw socket: answers {@code +PONG} once the data set is loaded. */
  private String ping() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder reply = new StringBuilder();
      int c;
      while ((c = in.read()) != -1 && c != '\r') {
        reply.append((char) c);
      }
      return reply.toString();
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }
}
