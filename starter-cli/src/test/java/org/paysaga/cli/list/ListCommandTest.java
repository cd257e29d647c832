package org.paysaga.cli.list;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.SagaTestStack;

/** On Temporal's Java test server, which has no visibility; the real server's lists: RealServerIT. */
class ListCommandTest {
  private final Cli cli = SagaTestStack.get().cli();

  @Test
  void withoutVisibilityItSaysSoAndExits1() {
    CliRun run = cli.run("list", "--status", "COMPENSATED");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("has no visibility").contains("saga list needs a real Temporal server");
  }
}
