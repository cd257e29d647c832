package org.paysaga.reliability.stack;

import java.nio.file.Path;

/** The Temporal a run's workers and clients talk to, as a process the run can kill and restart. */
public interface TemporalEngine extends AutoCloseable {
  /** Which server: the real one (the CLI's dev server) or Temporal's Java test server. */
  enum Kind {
    DEV_SERVER("Temporal dev server"), TEST_SERVER("Temporal's Java test server");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  Kind kind();

  /** {@code 127.0.0.1:<port>}. */
  String address();

  ManagedProcess process();

  @Override
  void close();

  /**
   * Starts the engine of that kind in {@code workDir}.
   *
   * @param temporalCli the {@code temporal} CLI, for the dev server ({@code scripts/temporal.sh install})
   */
  static TemporalEngine start(Kind kind, Path temporalCli, Path workDir) {
    return switch (kind) {
      case DEV_SERVER -> TemporalDevServerProcess.start(temporalCli, workDir);
      case TEST_SERVER -> TemporalTestServerProcess.start(workDir, "1g");
    };
  }
}
