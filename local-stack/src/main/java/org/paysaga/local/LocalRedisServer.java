package org.paysaga.local;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * The redis-server that embedded-redis ships (Linux, macOS, Windows), on one loopback address, in
 * memory or with an append-only file in a data directory.
 *
 * <p>embedded-redis picks the binary and builds the command line; this class runs the process
 * itself, because embedded-redis's own {@code RedisServer} stops redis-server from a JVM shutdown
 * hook of its own, which races Spring's graceful shutdown: the workers' last activities would find
 * Redis gone. Here the bean stops it after the workers (it is destroyed after every bean that talks
 * to Redis); a last-resort hook only kills it if the app did not within a minute.
 */
final class LocalRedisServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalRedisServer.class);
  private static final long READY_TIMEOUT_MS = 15_000;

  private final ChildProcess process;

  private LocalRedisServer(Process process) {
    this.process = new ChildProcess(process, "local-redis");
  }

  /** @param dataDir where the append-only file goes, or null for memory only */
  static LocalRedisServer start(String host, int port, Path dataDir) {
    List<String> command;
    try {
      var builder = RedisServer.newRedisServer()
          .bind(host)
          .port(port)
          .setting("save \"\"")
          .setting("protected-mode yes");
      if (dataDir == null) {
        builder.setting("appendonly no");
      } else {
        Files.createDirectories(dataDir);
        builder.setting("dir " + dataDir.toAbsolutePath()).setting("appendonly yes").setting("appendfsync everysec");
      }
      command = builder.buildCommandArgs();
      File binary = new File(command.get(0));
      if (!binary.canExecute() && !binary.setExecutable(true)) {
        throw new IOException(binary + " is not executable");
      }
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      awaitReady(process, host, port);
      return new LocalRedisServer(process);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded redis-server on " + host + ":" + port
          + ": " + e.getMessage(), e);
    }
  }

  /** Reads redis-server's output until it accepts connections; then drains it in the background. */
  private static void awaitReady(Process process, String host, int port) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
    Thread watchdog = new Thread(() -> {
      try {
        Thread.sleep(READY_TIMEOUT_MS);
        process.destroyForcibly(); // unblocks the read below
      } catch (InterruptedException e) {
        // ready in time
      }
    }, "local-redis-ready-watchdog");
    watchdog.setDaemon(true);
    watchdog.start();
    try {
      String line;
      while ((line = out.readLine()) != null) {
        seen.add(line);
        // "Ready to accept connections" (6.x, 7.x), "... is now ready to accept connections" (Windows 5.0)
        if (line.toLowerCase(Locale.ROOT).contains("ready to accept connections")) {
          Thread drain = new Thread(() -> drain(out), "local-redis-output");
          drain.setDaemon(true);
          drain.start();
          return;
        }
      }
    } finally {
      watchdog.interrupt();
    }
    process.destroyForcibly();
    throw new IOException("redis-server on " + host + ":" + port + " did not become ready"
        + (System.currentTimeMillis() > deadline ? " within " + READY_TIMEOUT_MS / 1000 + " s" : "")
        + ": " + String.join(" | ", seen.subList(Math.max(0, seen.size() - 5), seen.size())));
  }

  private static void drain(BufferedReader out) {
    try {
      String line;
      while ((line = out.readLine()) != null) {
        log.debug("redis-server: {}", line);
      }
    } catch (IOException e) {
      // stopped
    }
  }

  /** SIGTERM: redis-server flushes its append-only file and exits. */
  @Override
  public void close() {
    process.stop(Duration.ofSeconds(5));
  }
}
