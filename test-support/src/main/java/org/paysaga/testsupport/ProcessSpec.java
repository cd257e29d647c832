package org.paysaga.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What to run as a child process: a command (or a JVM on this one's {@code java}), its
 * environment and its log file (default {@code target/processes/<name>.log}). The child sees the
 * machine's environment (PATH, HOME) without the project's settings: a developer's
 * {@code TEMPORAL_ADDRESS} or {@code SAGA_*} must not point a test's process elsewhere.
 */
public final class ProcessSpec {
  /** Set by the build to JaCoCo's agent argument (the root pom's surefire and failsafe settings). */
  public static final String JVM_AGENT_PROPERTY = "testsupport.jvmAgent";
  private static final List<String> PROJECT_SETTINGS =
      List.of("TEMPORAL_", "REDIS_", "SAGA_", "SPRING_", "MANAGEMENT_", "JAVA_TOOL_OPTIONS");

  private final String name;
  private final List<String> command = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path log;
  private Path directory;

  private ProcessSpec(String name, List<String> command) {
    this.name = name;
    this.command.addAll(command);
  }

  public static ProcessSpec command(String name, String... command) {
    return new ProcessSpec(name, List.of(command));
  }

  /** {@code java <arguments>} with the running JVM's own {@code java}. */
  public static ProcessSpec java(String name, String... arguments) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessSpec spec = new ProcessSpec(name, List.of(java));
    String agent = System.getProperty(JVM_AGENT_PROPERTY, "");
    // Under Maven: the coverage agent of the test's own JVM, so the jars' code run as processes
    // counts too (an unresolved ${argLine} means coverage is off).
    if (agent.startsWith("-javaagent:")) {
      spec.args(agent);
    }
    return spec.args(arguments);
  }

  public ProcessSpec args(String... arguments) {
    command.addAll(List.of(arguments));
    return this;
  }

  public ProcessSpec env(String key, String value) {
    environment.put(key, value);
    return this;
  }

  public ProcessSpec env(Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** Its working directory (default: this JVM's), e.g. one a process run as another user may enter. */
  public ProcessSpec directory(Path workingDirectory) {
    this.directory = workingDirectory;
    return this;
  }

  public ProcessSpec log(Path file) {
    this.log = file;
    return this;
  }

  /** The process, not started yet; {@link ManagedProcess#start()} starts it, and again after a stop. */
  public ManagedProcess create() {
    return new ManagedProcess(name, builder(), log != null ? log : Path.of("target", "processes", name + ".log"));
  }

  public ManagedProcess start() {
    return create().start();
  }

  /**
   * Runs it to its end with stdout and stderr kept apart (no log file): a command line's output.
   * Past the limit it is killed and this fails.
   */
  public ProcessResult run(Duration limit) {
    long started = System.nanoTime();
    Process process;
    try {
      process = builder().start();
      process.getOutputStream().close(); // no input: a command that asks for some reads its end at once
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
    }
    CompletableFuture<String> out = drain(process.getInputStream());
    CompletableFuture<String> err = drain(process.getErrorStream());
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(name + " did not end within " + limit.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + name + " ran", e);
    }
    return new ProcessResult(name, process.exitValue(), out.join(), err.join(),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private ProcessBuilder builder() {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(key -> PROJECT_SETTINGS.stream().anyMatch(key::startsWith));
    builder.environment().putAll(environment);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    return builder;
  }

  /** Reads a pipe to its end on a thread of its own, so a full stderr pipe cannot stall stdout. */
  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (stream) {
        text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.completeExceptionally(e);
      }
    }, "process-output");
    reader.setDaemon(true);
    reader.start();
    return text;
  }
}
