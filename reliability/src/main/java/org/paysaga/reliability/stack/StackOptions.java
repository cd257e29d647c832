package org.paysaga.reliability.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The options of every run that starts the stack's processes: what to run and where its files go. */
public final class StackOptions {
  @Option(names = "--worker-jar", description = "The worker app's jar (default: ${DEFAULT-VALUE}).",
      defaultValue = "worker-app/target/worker-app.jar")
  Path workerJar;

  @Option(names = "--redis-server", description = "The redis-server executable (default: ${DEFAULT-VALUE}).",
      defaultValue = "redis-server")
  String redisServer;

  @Option(names = "--engine", paramLabel = "dev-server|test-server", converter = EngineConverter.class,
      description = "The Temporal to run on: dev-server (the real server, default) or test-server "
          + "(Temporal's Java test server).", defaultValue = "dev-server")
  TemporalEngine.Kind engine;

  @Option(names = "--temporal-cli", description = "The temporal CLI whose dev server runs "
      + "(scripts/temporal.sh install prints it); needed with --engine dev-server.")
  Path temporalCli;

  @Option(names = "--work-dir", description = "Logs and Redis data (default: reliability/target/<run>).")
  Path workDir;

  public Path workerJar() {
    return workerJar;
  }

  public TemporalEngine.Kind engine() {
    return engine;
  }

  /** Starts the chosen engine in {@code dir}. */
  public TemporalEngine startEngine(Path dir) {
    return TemporalEngine.start(engine, temporalCli, dir);
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

  /** {@code dev-server} / {@code test-server}, as the scripts and docs spell them. */
  static final class EngineConverter implements ITypeConverter<TemporalEngine.Kind> {
    @Override
    public TemporalEngine.Kind convert(String value) {
      return switch (value) {
        case "dev-server" -> TemporalEngine.Kind.DEV_SERVER;
        case "test-server" -> TemporalEngine.Kind.TEST_SERVER;
        default -> throw new TypeConversionException("'" + value + "' is not dev-server or test-server");
      };
    }
  }
}
