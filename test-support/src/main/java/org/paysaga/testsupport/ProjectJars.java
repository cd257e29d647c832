package org.paysaga.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jars the build packages, found from where the code runs: a module's directory (Maven runs
 * each module's tests there) or the repository root (where the scripts start the chaos run).
 */
public final class ProjectJars {
  private ProjectJars() {}

  /** The repository root: the nearest directory, from the working directory up, holding mvnw. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("mvnw"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no mvnw in " + Path.of("").toAbsolutePath() + " or above it");
  }

  public static Path workerApp() {
    return packaged(root().resolve("worker-app/target/worker-app.jar"));
  }

  /** The worker app with its local stack (module local-stack). */
  public static Path sagaLocal() {
    return packaged(root().resolve("local-stack/target/saga-local.jar"));
  }

  public static Path sagaCli() {
    return packaged(root().resolve("starter-cli/target/saga-cli.jar"));
  }

  /** The payment service provider simulator (module psp-simulator), for the HTTP payment channel. */
  public static Path pspSimulator() {
    return packaged(root().resolve("psp-simulator/target/psp-simulator.jar"));
  }

  /** The jar, or a failure that says how to build it: the integration tests run after package. */
  public static Path packaged(Path jar) {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath().normalize()
          + " is missing: build it first (./mvnw -B -DskipTests package)");
    }
    return jar;
  }
}
