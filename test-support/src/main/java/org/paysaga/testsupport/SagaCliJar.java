package org.paysaga.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** {@code java -jar saga-cli.jar ...} run to its end as a user runs it, pointed at a stack by its environment. */
public final class SagaCliJar {
  /** Above the longest wait a command takes ({@code saga demo --timeout 2m}). */
  private static final Duration LIMIT = Duration.ofMinutes(3);

  private final Path jar;
  private final Map<String, String> environment;

  /** The jar the build packaged ({@link ProjectJars#sagaCli()}), with the tests' payload key unless given. */
  public SagaCliJar(Map<String, String> environment) {
    this.jar = ProjectJars.sagaCli();
    Map<String, String> withKey = new HashMap<>(environment);
    withKey.putIfAbsent(TestPayloadKeys.VARIABLE, TestPayloadKeys.KEYS);
    this.environment = Map.copyOf(withKey);
  }

  public ProcessResult run(String... args) {
    // As the docs' wrapper script runs it: C1 only and the serial GC start a short-lived JVM fastest.
    return ProcessSpec.java("saga " + String.join(" ", args), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-jar", jar.toString())
        .args(args)
        .env(environment)
        .run(LIMIT);
  }
}
