package org.paysaga.reliability.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Bad options stop the scale curves before they start anything, naming the option. */
class ScaleCurvesOptionsTest {
  @Test
  void detectionOnTheTestServerIsRefused() {
    assertThat(refused("--only", "detection", "--engine", "test-server"))
        .contains("--only detection needs --engine dev-server");
  }

  @Test
  void fewerRunningSagasThanOneSweepPageAreRefused() {
    assertThat(refused("--only", "detection", "--detection-running", "3")).contains("--detection-running");
  }

  /** What the command says on its error stream, having exited with picocli's usage error. */
  private static String refused(String... args) {
    StringWriter err = new StringWriter();
    assertThat(new CommandLine(new ScaleCurves()).setErr(new PrintWriter(err)).execute(args)).isEqualTo(2);
    return err.toString();
  }
}
