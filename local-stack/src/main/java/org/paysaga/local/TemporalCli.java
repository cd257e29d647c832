package org.paysaga.local;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code temporal} CLI whose {@code server start-dev} the local stack runs: the
 * configured one, else one on the PATH, else the one {@code scripts/temporal.sh install} built
 * into its cache ({@code $PAYSAGA_CACHE_DIR}, else {@code ${XDG_CACHE_HOME:-~/.cache}/payment-saga};
 * keep the two in step).
 */
final class TemporalCli {
  /** The release scripts/temporal.sh installs. */
  static final String INSTALLED_RELEASE = "v1.5.1";

  private TemporalCli() {}

  static Optional<Path> locate(Path configured, Map<String, String> environment) {
    if (configured != null) {
      if (!Files.isExecutable(configured)) {
        throw new LocalStackException("saga.local.temporal-cli " + configured + " is not an executable file.",
            "Point saga.local.temporal-cli (SAGA_LOCAL_TEMPORALCLI) at a temporal binary, or unset it"
                + " (scripts/temporal.sh install builds one).");
      }
      return Optional.of(configured);
    }
    String path = environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank() && Files.isExecutable(Path.of(dir, "temporal"))) {
        return Optional.of(Path.of(dir, "temporal"));
      }
    }
    Path installed = cacheDir(environment).resolve("temporal-cli-" + INSTALLED_RELEASE).resolve("bin").resolve("temporal");
    return Files.isExecutable(installed) ? Optional.of(installed) : Optional.empty();
  }

  static Path cacheDir(Map<String, String> environment) {
    String own = environment.get("PAYSAGA_CACHE_DIR");
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = environment.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("payment-saga");
  }
}
