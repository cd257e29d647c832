package org.paysaga.cli.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.paysaga.cli.testing.CliRun;

/** Runs {@code java -jar starter-cli/target/saga-cli.jar ...} as a process, as a user would. */
final class CliProcess {
  static final Path JAR = Path.of("target/saga-cli.jar");

  private final Map<String, String> environment;

  CliProcess(Map<String, String> environment) {
    if (!Files.isRegularFile(JAR)) {
      throw new AssertionError(JAR.toAbsolutePath() + " is missing: the integration test runs after package");
    }
    this.environment = environment;
  }

  CliRun run(String... args) {
    // As the docs' wrapper script runs it: C1 only and the serial GC start a short-lived JVM fastest.
    List<String> command = new ArrayList<>(List.of(WorkerAppProcess.java(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-jar", JAR.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("TEMPORAL_") || k.startsWith("REDIS_")
        || k.startsWith("SAGA_"));
    builder.environment().putAll(environment);
    long started = System.nanoTime();
    try {
      Process process = builder.start();
      CompletableFuture<String> out = read(process.getInputStream());
      CompletableFuture<String> err = read(process.getErrorStream());
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("saga " + String.join(" ", args) + " did not end within 3 minutes");
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      return new CliRun(process.exitValue(), out.join(), err.join(), millis);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> read(java.io.InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
