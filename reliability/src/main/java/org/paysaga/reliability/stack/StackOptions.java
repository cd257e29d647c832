package org.paysaga.reliability.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of every run that starts the stack's processes: what to run and where its files go. */
public final class StackOptions {
  @Option(names = "--worker-jar", description = "The worker app's jar (default: ${DEFAULT-VALUE}).",
      defaultValue = "worker-app/target/worker-app.jar")
  Path workerJar;

  @Option(names = "--redis-server", description = "The redis-server executable (default: ${DEFAULT-VALUE}).",
      defaultValue = "redis-server")
  String redisServer;

  @Option(names = "--work-dir", description = "Logs and Redis data (default: reliability/target/<run>).")
  Path workDir;

  public Path workerJar() {
    return workerJar;
  }

  public String redisServer() {
    return redisServer;
  }

  /** The run's directory, created: {@code --work-dir}, or {@code reliability/target/<kind>-<tag>}. */
  public Path workDir(String kind, String tag) {
    Path dir = workDir != null ? workDir : Path.of("reliability", "target", kind + "-" + tag);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir;
  }
}
