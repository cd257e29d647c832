package org.paysaga.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.SagaTestStack;

class DemoCommandTest {
  private final Cli cli = SagaTestStack.get().cli();

  @Test
  void runsOneSagaPerSandboxPathAndSummarises() {
    // Both at once: each takes as long as its slowest path (2 + 4 + 8 s of backoff).
    CompletableFuture<CliRun> json = CompletableFuture.supplyAsync(() -> cli.run("demo", "--json"));
    CliRun human = cli.run("demo");
    CliRun machine = json.join();

    assertThat(machine.exitCode()).as(machine.toString()).isZero();
    JsonNode result = machine.json();
    Map<String, JsonNode> byPath = new HashMap<>();
    result.get("sagas").forEach(saga -> byPath.put(saga.get("path").asText(), saga));
    assertThat(byPath).containsOnlyKeys("success", "decline", "flaky-then-success", "flaky-exhausted",
        "frozen-merchant", "refund-failure");
    assertThat(byPath.get("success").get("status").asText()).isEqualTo("COMPLETED");
    assertThat(byPath.get("success").get("stepsSucceeded").asInt()).isEqualTo(4);
    assertThat(byPath.get("decline").get("status").asText()).isEqualTo("COMPENSATED");
    assertThat(byPath.get("flaky-then-success").get("status").asText()).isEqualTo("COMPLETED");
    assertThat(byPath.get("flaky-then-success").get("durationMillis").asLong()).isGreaterThanOrEqualTo(6_000);
    assertThat(byPath.get("flaky-exhausted").get("status").asText()).isEqualTo("COMPENSATED");
    assertThat(byPath.get("frozen-merchant").get("status").asText()).isEqualTo("COMPENSATED");
    assertThat(byPath.get("frozen-merchant").get("compensationsSucceeded").asInt()).isEqualTo(3);
    assertThat(byPath.get("refund-failure").get("status").asText()).isIn("RECOVERING", "DLQ");
    // Charged, crediting refused; the refund is failed, or being retried by a recovery round.
    assertThat(byPath.get("refund-failure").get("stepsSucceeded").asInt()).isEqualTo(2);
    assertThat(result.get("allAsExpected").asBoolean()).isTrue();
    // The card tokens used are shown masked, never whole.
    assertThat(byPath.get("refund-failure").get("cardToken").asText()).isEqualTo("tok_…fail");
    assertThat(machine.out() + human.out()).doesNotContain("tok_visa").doesNotContain("tok_refund_fail")
        .doesNotContain("tok_flaky_").doesNotContain("tok_decline");
    byPath.values().forEach(saga -> {
      assertThat(saga.get("paymentNo").asText()).startsWith("demo-").endsWith("-" + saga.get("path").asText());
      assertThat(saga.get("sagaId").asText()).isEqualTo("payment-" + saga.get("paymentNo").asText());
      assertThat(saga.get("asExpected").asBoolean()).isTrue();
    });

    assertThat(human.exitCode()).as(human.toString()).isZero();
    assertThat(human.out().lines().findFirst().orElseThrow())
        .contains("PAYMENT", "PATH", "STATUS", "STEPS", "COMPENSATIONS", "DURATION");
    assertThat(human.out()).contains("flaky-exhausted").contains("Look closer:").contains("saga dlq list")
        .contains("saga status demo-");
    // Fresh payment numbers on every run.
    assertThat(human.out()).doesNotContain(byPath.get("success").get("paymentNo").asText());
  }

  @Test
  void withoutAWorkerItSaysSoInSeconds() {
    CliRun run = cli.run("demo", "--task-queue", "nobody-polls-this");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.err()).contains("no worker").doesNotContain("\tat ");
    assertThat(run.millis()).isLessThan(15_000);
  }
}
