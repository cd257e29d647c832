package org.paysaga.reliability.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One child process that can be killed and started again with the same command, environment and
 * log file (appended across restarts), and whose CPU time and resident memory can be read.
 */
public final class ManagedProcess implements AutoCloseable {
  private static final List<String> INHERITED_SETTINGS =
      List.of("TEMPORAL_", "REDIS_", "SAGA_", "SPRING_", "MANAGEMENT_", "JAVA_TOOL_OPTIONS");

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path log;
  private Process process;

  public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path log) {
    this.name = name;
    this.command = List.copyOf(command);
    this.environment = Map.copyOf(environment);
    this.log = log;
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  public synchronized void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // The run's settings only: a caller's TEMPORAL_ADDRESS or SAGA_* must not reach the children.
    builder.environment().keySet().removeIf(key -> INHERITED_SETTINGS.stream().anyMatch(key::startsWith));
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
  }

  public synchronized boolean isAlive() {
    return process != null && process.isAlive();
  }

  public synchronized long pid() {
    requireStarted();
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no graceful stop, like a crashed host or an OOM kill. */
  public synchronized void kill() {
    requireStarted();
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
  public synchronized void stop(Duration grace) {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitExit(grace)) {
      process.destroyForcibly();
      awaitExit(Duration.ofSeconds(30));
    }
  }

  /** Waits for the process to exit by itself: its exit status, or empty when it still runs. */
  public synchronized OptionalInt exitStatusWithin(Duration timeout) {
    requireStarted();
    return awaitExit(timeout) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
  }

  /** CPU time (user + system) the current process used so far. */
  public synchronized Duration cpuTime() {
    requireStarted();
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** Resident set size now ({@code VmRSS}), in bytes; Linux only. */
  public long residentBytes() {
    return procStatusKilobytes("VmRSS:") * 1024;
  }

  /** Peak resident set size ({@code VmHWM}), in bytes; Linux only. */
  public long peakResidentBytes() {
    return procStatusKilobytes("VmHWM:") * 1024;
  }

  /** The last lines of the log, for error messages. */
  public String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private long procStatusKilobytes(String field) {
    Path status = Path.of("/proc", Long.toString(pid()), "status");
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field)) {
          return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + status, e);
    }
    throw new IllegalStateException(status + " has no " + field);
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void requireStarted() {
    if (process == null) {
      throw new IllegalStateException(name + " was never started");
    }
  }

  /** The running JVM's {@code java} executable, for child JVMs. */
  public static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
        .toString();
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(20));
  }
}
