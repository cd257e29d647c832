package org.paysaga.worker.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real worker jar as a child process, with its log at hand: {@code target/worker-app.jar}, or
 * the jar failsafe names ({@code local-stack}'s ITs start {@code saga-local.jar} with it).
 */
public final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  private WorkerProcess(Process process) {
    this.process = process;
    this.reader = new Thread(this::readOutput, "worker-process-log");
    reader.setDaemon(true);
    reader.start();
  }

  /** The jar failsafe hands over ({@code workerApp.jar}), else target/worker-app.jar. */
  public static Path jar() {
    Path jar = Path.of(System.getProperty("workerApp.jar", "target/worker-app.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run ./mvnw -pl worker-app verify (after package)");
    }
    return jar;
  }

  /** {@code java -jar <jar> args...} with exactly this environment on top of PATH/HOME. */
  public static WorkerProcess start(Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    // Nothing of the build's environment may point the worker elsewhere.
    env.keySet().removeIf(k -> k.startsWith("TEMPORAL_") || k.startsWith("REDIS_") || k.startsWith("SAGA_")
        || k.startsWith("MANAGEMENT_") || k.startsWith("SPRING_"));
    env.putAll(environment);
    return new WorkerProcess(builder.start());
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
        if (Boolean.getBoolean("workerApp.echo")) {
          System.out.println("[worker " + process.pid() + "] " + line);
        }
      }
    } catch (IOException e) {
      // process gone
    }
  }

  public long pid() {
    return process.pid();
  }

  public String log() {
    return String.join("\n", lines);
  }

  /** Index of the first log line matching, waiting up to the timeout; fails with the log. */
  public int awaitLine(Predicate<String> matching, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (int i = 0; i < lines.size(); i++) {
        if (matching.test(lines.get(i))) {
          return i;
        }
      }
      if (!process.isAlive() && !reader.isAlive()) {
        throw new AssertionError("worker exited (" + process.exitValue() + ") before the expected line:\n" + log());
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no such line within " + timeout + ":\n" + log());
  }

  public int awaitLine(String containing, Duration timeout) throws InterruptedException {
    return awaitLine(l -> l.contains(containing), timeout);
  }

  public int indexOf(String containing) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(containing)) {
        return i;
      }
    }
    return -1;
  }

  /** SIGTERM (what docker stop and Kubernetes send), then the exit code. */
  public int terminate(Duration timeout) throws InterruptedException {
    // SIGTERM through the handle: Process.destroy() would also close our end of its output pipe,
    // and everything the worker logs while it shuts down would be lost.
    process.toHandle().destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("worker did not exit within " + timeout + " of SIGTERM:\n" + log());
    }
    reader.join(5000);
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
    }
  }
}
