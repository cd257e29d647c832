package org.paysaga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher on small shell commands: waits, SIGTERM then SIGKILL, restarts, one-shot runs. */
class ManagedProcessTest {
  private static final Duration SHORT = Duration.ofSeconds(10);

  @TempDir
  Path dir;

  private ProcessSpec bash(String name, String script) {
    return ProcessSpec.command(name, "bash", "-c", script).log(dir.resolve(name + ".log"));
  }

  @Test
  void waitsForALineAndStopsWithSigterm() {
    try (ManagedProcess process = bash("trap", "trap 'echo bye; exit 3' TERM; echo ready; while true; do sleep 0.1; done")
        .start()) {
      assertThat(process.awaitLine("ready", SHORT)).isZero();

      assertThat(process.stop(SHORT)).isEqualTo(3);
      assertThat(process.log().lines()).containsExactly("ready", "bye");
    }
  }

  @Test
  void killsWhatIgnoresSigtermAfterTheGracePeriod() {
    ManagedProcess process = bash("stubborn", "trap '' TERM; echo ready; while true; do sleep 0.1; done").start();
    process.awaitLine("ready", SHORT);

    assertThat(process.stop(Duration.ofMillis(300))).isEqualTo(137); // 128 + SIGKILL
  }

  @Test
  void aRestartAppendsToTheLogAndAWaitFailsWhenTheProcessExits() {
    ManagedProcess process = bash("short", "echo run; exit 1").start();
    assertThat(process.exitCode(SHORT)).hasValue(1);
    process.start();

    assertThatThrownBy(() -> process.awaitLine("never", SHORT))
        .hasMessageContaining("short exited with 1 before a line with \"never\"")
        .hasMessageContaining("run");
    assertThat(process.log().lines()).containsExactly("run", "run");
  }

  @Test
  void waitsForAPortAndKills() {
    int port = FreePorts.free();
    ManagedProcess process = ProcessSpec.java("server", "-cp", System.getProperty("java.class.path"),
        Listener.class.getName(), Integer.toString(port)).log(dir.resolve("server.log")).start();

    process.awaitPort(port, SHORT);
    process.kill();

    assertThat(process.isAlive()).isFalse();
    assertThat(FreePorts.isFree(port)).isTrue();
  }

  @Test
  void runKeepsStdoutAndStderrApartAndSeesOnlyItsOwnSettings() {
    ProcessResult result = bash("run", "echo out; echo err >&2; echo \"[$SAGA_X][${TEMPORAL_ADDRESS:-none}]\"; exit 4")
        .env("SAGA_X", "x").run(SHORT);

    assertThat(result.exitCode()).isEqualTo(4);
    assertThat(result.stdout()).isEqualTo("out\n[x][none]\n");
    assertThat(result.stderr()).isEqualTo("err\n");
  }

  /** A JVM that listens on a port until it is killed. */
  public static final class Listener {
    public static void main(String[] args) throws Exception {
      try (var socket = new java.net.ServerSocket(Integer.parseInt(args[0]), 1,
          java.net.InetAddress.getLoopbackAddress())) {
        Thread.sleep(Long.MAX_VALUE);
      }
    }
  }
}
