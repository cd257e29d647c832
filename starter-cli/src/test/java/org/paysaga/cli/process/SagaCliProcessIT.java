package org.paysaga.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.testsupport.SagaCliJar;
import org.paysaga.testsupport.WorkerApp;

/**
 * The real {@code saga-cli.jar} against the real worker app with its local stack
 * ({@code saga-local.jar}), as processes: the demo, then status, history and the DLQ commands on
 * what it made.
 */
class SagaCliProcessIT {
  private static WorkerApp worker;
  private static SagaCliJar cli;
  private static JsonNode demo;

  /**
   * The worker app with its local stack ({@code saga-local.jar}: its own Temporal and Redis on free
   * ports), recovery that gives up at once (a saga whose refund fails parks in the DLQ within seconds).
   */
  @BeforeAll
  static void startTheWorker() {
    worker = WorkerApp.named("it-worker-app").localStack().heap("512m")
        .settings(Map.of("TEMPORAL_UI_URL", "http://ui.it:8080", "SAGA_RECOVERY_INTERVAL", "1s",
            "SAGA_RECOVERY_GIVEUPAFTER", "1ms"))
        .build().startAndAwaitHealthy();
    cli = new SagaCliJar(Map.of("TEMPORAL_ADDRESS", worker.temporalAddress(), "REDIS_URL", worker.redisUrl(),
        "TEMPORAL_UI_URL", "http://ui.it:8080"));
    // The sagas the tests below read: one per sandbox path, made once.
    demo = ok("demo", "--json").json();
  }

  @AfterAll
  static void stopTheWorker() {
    if (worker != null) {
      worker.close();
    }
  }

  private static JsonNode demoSaga(String path) {
    for (JsonNode node : demo.get("sagas")) {
      if (node.get("path").asText().equals(path)) {
        return node;
      }
    }
    throw new AssertionError("no " + path + " saga in " + demo);
  }

  private static CliRun saga(String... args) {
    return CliRun.of(cli.run(args));
  }

  private static CliRun ok(String... args) {
    CliRun run = saga(args);
    assertThat(run.exitCode())
        .as("saga " + String.join(" ", args) + "\n" + run + "\nworker:\n" + worker.process().log().tail(60))
        .isZero();
    return run;
  }

  /** Runs the command until its JSON passes the check (at most a minute). */
  private static JsonNode until(Predicate<JsonNode> check, String... args) {
    return await().alias("saga " + String.join(" ", args)).atMost(Duration.ofMinutes(1))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
        .until(() -> ok(args).json(), check);
  }

  @Test
  void theDemoRunsOneSagaPerSandboxPath() {
    List<String> paths = new ArrayList<>();
    demo.get("sagas").forEach(s -> paths.add(s.get("path").asText()));
    assertThat(paths).containsExactly("success", "decline", "flaky-then-success", "flaky-exhausted",
        "frozen-merchant", "refund-failure");
    assertThat(demo.get("allAsExpected").asBoolean()).as(demo.toString()).isTrue();
    assertThat(demoSaga("success").get("status").asText()).isEqualTo("COMPLETED");
    assertThat(demoSaga("flaky-then-success").get("status").asText()).isEqualTo("COMPLETED");
    assertThat(demoSaga("flaky-exhausted").get("status").asText()).isEqualTo("COMPENSATED");
    assertThat(demo.get("commands").toString()).contains("saga dlq list");
  }

  @Test
  void statusAndHistoryOfWhatTheDemoMade() {
    String flaky = demoSaga("flaky-exhausted").get("paymentNo").asText();

    CliRun status = ok("status", flaky);
    JsonNode history = ok("history", flaky, "--json").json();

    assertThat(status.out()).contains(": COMPENSATED").contains("Read from the workflow result");
    assertThat(history.get("historyUrl").asText()).startsWith("http://ui.it:8080/namespaces/default/workflows/payment-"
        + flaky + "/");
    assertThat(history.get("events").toString()).contains("CallPaymentChannel").contains("ActivityTaskFailed");
  }

  @Test
  void theRefundFailureLandsInTheDlqWhereRemoveRefusesItAndResolveClosesIt() {
    String sagaId = demoSaga("refund-failure").get("sagaId").asText();

    JsonNode list = until(json -> json.get("entries").toString().contains(sagaId), "dlq", "list", "--json");
    JsonNode show = ok("dlq", "show", sagaId, "--json").json();
    CliRun size = ok("dlq", "size");
    JsonNode status = ok("status", sagaId, "--json").json();

    assertThat(list.get("total").asInt()).isPositive();
    assertThat(show.get("entry").get("sagaId").asText()).isEqualTo(sagaId);
    assertThat(show.get("entry").get("reason").asText()).contains("RefundPayment");
    assertThat(show.get("entry").get("sagaWaiting").asBoolean()).isTrue();
    assertThat(size.out().strip()).matches("[1-9][0-9]*");
    assertThat(status.get("inDlq").asBoolean()).isTrue();
    assertThat(status.get("saga").get("status").asText()).isEqualTo("DLQ");

    // Remove refuses a saga that waits for an operator; resolve closes it.
    CliRun refused = saga("dlq", "remove", sagaId);
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.err()).contains("--force");

    ok("dlq", "resolve", sagaId, "--note", "refunded by bank transfer, ticket OPS-7");
    JsonNode resolved = until(json -> json.get("saga").get("status").asText().equals("RESOLVED"),
        "status", sagaId, "--json");
    assertThat(resolved.get("saga").get("note").asText()).isEqualTo("refunded by bank transfer, ticket OPS-7");
    CliRun gone = saga("dlq", "show", sagaId);
    assertThat(gone.exitCode()).as(gone.toString()).isEqualTo(3);
    assertThat(saga("status", "no-such-payment").exitCode()).isEqualTo(3);
  }

  @Test
  void retryRunsTheCompensationAgainAndForceRemoves() {
    // The refund is refused outright: the saga parks at once, and again after each retry.
    CliRun pay = ok("pay", "--payment-no", "it-retry-" + System.nanoTime(), "--merchant", "m_frozen",
        "--amount", "8.00", "--currency", "CNY", "--card-token", "tok_refund_refused", "--json");
    String sagaId = pay.json().get("sagaId").asText();
    until(json -> json.get("entries").toString().contains(sagaId), "dlq", "list", "--json");

    JsonNode retry = ok("dlq", "retry", sagaId, "--json").json();

    assertThat(retry.get("action").asText()).isEqualTo("signalled");
    JsonNode again = until(json -> json.get("entry").get("retries").asInt() == 1, "dlq", "show", sagaId, "--json");
    assertThat(again.get("entry").get("sagaWaiting").asBoolean()).isTrue();
    ok("dlq", "remove", sagaId, "--force");
    assertThat(saga("dlq", "show", sagaId).exitCode()).isEqualTo(3);
  }
}
