package org.paysaga.reliability.realserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.paysaga.reliability.stack.ManagedProcess;

/** {@code java -jar saga-cli.jar ...} as a user runs it, with only the stack's settings. */
final class SagaCliProcess {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path jar;
  private final Map<String, String> environment;

  SagaCliProcess(Path jar, Map<String, String> environment) {
    this.jar = jar;
    this.environment = Map.copyOf(environment);
  }

  record Run(List<String> args, int exitCode, String stdout, String stderr) {
    JsonNode json() {
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("saga " + String.join(" ", args) + " printed no JSON: " + this, e);
      }
    }

    @Override
    public String toString() {
      return "saga " + String.join(" ", args) + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
    }
  }

  Run run(String... args) {
    List<String> command = new ArrayList<>(List.of(ManagedProcess.javaExecutable(), "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-jar", jar.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("TEMPORAL_") || k.startsWith("REDIS_") || k.startsWith("SAGA_"));
    builder.environment().putAll(environment);
    try {
      Process process = builder.start();
      CompletableFuture<String> out = read(process.getInputStream());
      CompletableFuture<String> err = read(process.getErrorStream());
      if (!process.waitFor(3, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("saga " + String.join(" ", args) + " did not end within 3 minutes");
      }
      return new Run(List.of(args), process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> read(InputStream stream) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
