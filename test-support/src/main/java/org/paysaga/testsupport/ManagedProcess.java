package org.paysaga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process ({@link ProcessSpec#create()}) that can be stopped, killed and started again with
 * the same command and environment. Its stdout and stderr go to its log file, emptied at the first
 * start and appended to after a restart, so a kill and a restart read as one story.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final Duration EXIT_AFTER_KILL = Duration.ofSeconds(30);
  /** What this JVM started and has not seen exit: a test JVM that ends leaves no worker behind. */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(ManagedProcess::stopAll, "stop-child-processes"));
  }

  private final String name;
  private final ProcessBuilder builder;
  private final ProcessLog log;
  private Process process;

  ManagedProcess(String name, ProcessBuilder builder, Path log) {
    this.name = name;
    this.builder = builder.redirectErrorStream(true);
    this.log = new ProcessLog(log);
  }

  public String name() {
    return name;
  }

  public ProcessLog log() {
    return log;
  }

  public synchronized ManagedProcess start() {
    if (isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    try {
      Files.createDirectories(log.path().toAbsolutePath().getParent());
      builder.redirectOutput(process == null ? ProcessBuilder.Redirect.to(log.path().toFile())
          : ProcessBuilder.Redirect.appendTo(log.path().toFile()));
      process = builder.start();
      RUNNING.add(process);
      process.onExit().thenAccept(RUNNING::remove);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", builder.command()), e);
    }
    return this;
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public long pid() {
    return started().pid();
  }

  /** The OS's view of it (CPU time...). */
  public ProcessHandle handle() {
    return started().toHandle();
  }

  /**
   * Polls until the condition holds; fails at once, with the log's tail, when the process exits
   * first, and past the timeout.
   */
  public void await(String what, Duration timeout, BooleanSupplier condition) {
    Waits.until(name + " to show " + what + " (log " + log + ")", timeout, () -> {
      boolean alive = isAlive(); // before the check: what it did before it exited is then seen
      if (condition.getAsBoolean()) {
        return true;
      }
      if (!alive) {
        throw new IllegalStateException(name + " exited with " + started().exitValue() + " before " + what
            + "; log " + log + ":\n" + log.tail(40));
      }
      return false;
    });
  }

  /** Waits for a log line that contains the text; its index. */
  public int awaitLine(String containing, Duration timeout) {
    await("a line with \"" + containing + "\"", timeout, () -> log.indexOf(containing) >= 0);
    return log.indexOf(containing);
  }

  /** Waits until something accepts connections on this loopback port. */
  public void awaitPort(int port, Duration timeout) {
    await("port " + port + " open", timeout, () -> Probes.accepts(port));
  }

  /** Waits until the URL answers 200 (Spring's health endpoint answers 503 until UP). */
  public void awaitHttpOk(String url, Duration timeout) {
    URI uri = URI.create(url);
    await(url + " answering 200", timeout, () -> Probes.answers200(uri));
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period; its exit code. */
  public int stop(Duration grace) {
    Process current = started();
    current.destroy();
    if (!exited(current, grace)) {
      current.destroyForcibly();
      exited(current, EXIT_AFTER_KILL);
    }
    return current.exitValue();
  }

  /** SIGKILL (kill -9): no shutdown hook runs, as when the host crashes or the OOM killer strikes. */
  public void kill() {
    Process current = started();
    current.destroyForcibly();
    exited(current, EXIT_AFTER_KILL);
  }

  /** Its exit code once it ends by itself within the timeout; empty while it still runs. */
  public OptionalInt exitCode(Duration within) {
    Process current = started();
    return exited(current, within) ? OptionalInt.of(current.exitValue()) : OptionalInt.empty();
  }

  @Override
  public void close() {
    if (isAlive()) {
      stop(Duration.ofSeconds(20));
    }
  }

  private synchronized Process started() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
    return process;
  }

  /** SIGTERM first, so a worker also stops the servers it started; SIGKILL what still runs after 10 s. */
  private static void stopAll() {
    RUNNING.forEach(Process::destroy);
    RUNNING.forEach(process -> {
      if (!exited(process, Duration.ofSeconds(10))) {
        process.destroyForcibly();
      }
    });
  }

  private static boolean exited(Process process, Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
