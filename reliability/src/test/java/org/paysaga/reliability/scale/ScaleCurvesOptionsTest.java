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
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new ScaleCurves()).setErr(new PrintWriter(err))
        .execute("--only", "detection", "--engine", "test-server");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--only detection needs --engine dev-server");
  }

  @Test
  void fewerRunningSagasThanOneSweepPageAreRefused() {
    StringWriter err = new StringWriter();
    int exit = new CommandLine(new ScaleCurves()).setErr(new PrintWriter(err))
        .execute("--only", "detection", "--detection-running", "3");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--detection-running");
  }
}
