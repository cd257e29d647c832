package org.paysaga.cli.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.ConnectionTrap;
import org.paysaga.testsupport.FreePorts;

/** An unreachable Temporal or Redis exits 4 within 10 s, naming the address, without a stack trace. */
class UnreachableTest {
  private static final long TEN_SECONDS = 10_000;

  private final String closedPort = "127.0.0.1:" + FreePorts.free();
  private final Cli cli = new Cli(Map.of("TEMPORAL_ADDRESS", closedPort, "REDIS_URL", "redis://" + closedPort));

  private static void assertUnreachable(CliRun run, String address) {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.millis()).as(run.toString()).isLessThan(TEN_SECONDS);
    assertThat(run.err()).startsWith("error: ").contains(address).contains("unreachable")
        .doesNotContain("\tat ");
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void statusWithNobodyListening() {
    assertUnreachable(cli.run("status", "P1001"), closedPort);
  }

  @Test
  void historyWithNobodyListening() {
    assertUnreachable(cli.run("history", "P1001"), closedPort);
  }

  @Test
  void payWithNobodyListening() {
    assertUnreachable(cli.run("pay", "--payment-no", "P1001", "--merchant", "m_shop", "--amount", "1",
        "--currency", "CNY", "--card-token", "tok_visa", "--wait"), closedPort);
  }

  @Test
  void demoWithNobodyListening() {
    assertUnreachable(cli.run("demo"), closedPort);
  }

  @Test
  void dlqWithNoRedisListening() {
    assertUnreachable(cli.run("dlq", "size"), closedPort);
    assertUnreachable(cli.run("dlq", "list"), closedPort);
  }

  @Test
  void aTemporalThatNeverAnswersIsReportedInTime() {
    try (ConnectionTrap silent = new ConnectionTrap()) {
      CliRun run = cli.with("TEMPORAL_ADDRESS", silent.address()).run("status", "P1001");

      assertUnreachable(run, silent.address());
    }
  }

  @Test
  void aRedisThatNeverAnswersIsReportedInTime() {
    try (ConnectionTrap silent = new ConnectionTrap()) {
      CliRun run = cli.with("REDIS_URL", "redis://" + silent.address()).run("dlq", "size");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(run.millis()).isLessThan(TEN_SECONDS);
      assertThat(run.err()).contains(silent.address()).doesNotContain("\tat ");
    }
  }

  @Test
  void verboseShowsTheStackTrace() {
    CliRun run = cli.run("status", "P1001", "--verbose");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.err()).startsWith("error: Temporal at " + closedPort).contains("\tat ");
  }

  @Test
  void withJsonTheErrorIsOneObject() {
    CliRun run = cli.run("--json", "status", "P1001");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(run.json().get("error").get("exitCode").asInt()).isEqualTo(4);
    assertThat(run.json().get("error").get("message").asText()).contains(closedPort);
  }
}
