package org.paysaga.reliability.stack;

import java.nio.file.Path;
import java.time.Duration;
import org.paysaga.testsupport.ManagedProcess;

/** The Temporal a run's workers and clients talk to, as a process the run can kill and restart. */
public abstract class TemporalEngine implements AutoCloseable {
  /** Which server: the real one (the CLI's dev server) or Temporal's Java test server. */
  public enum Kind {
    DEV_SERVER("Temporal dev server"), TEST_SERVER("Temporal's Java test server");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final Kind kind;
  private final ManagedProcess process;
  private final int port;

  TemporalEngine(Kind kind, ManagedProcess process, int port) {
    this.kind = kind;
    this.process = process;
    this.port = port;
  }

  /**
   * Starts the engine of that kind in {@code workDir}.
   *
   * @param temporalCli the {@code temporal} CLI, for the dev server ({@code scripts/temporal.sh install})
   */
  public static TemporalEngine start(Kind kind, Path temporalCli, Path workDir) {
    return switch (kind) {
      case DEV_SERVER -> TemporalDevServerProcess.start(temporalCli, workDir);
      case TEST_SERVER -> TemporalTestServerProcess.start(workDir, "1g");
    };
  }

  public Kind kind() {
    return kind;
  }

  /** {@code 127.0.0.1:<port>}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  public ManagedProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.stop(Duration.ofSeconds(10));
  }
}
