package org.paysaga.reliability.realserver;

import org.paysaga.catalog.Defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.TimeoutType;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRequests;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.reliability.chaos.ChaosStack;
import org.paysaga.reliability.stack.TemporalDevServerProcess;
import org.paysaga.saga.SagaCompensation;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.TemporalUi;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.ProcessResult;
import org.paysaga.testsupport.ProjectJars;

/**
 * The worker jar and the CLI jar on the real Temporal server (the dev server), as processes: every
 * demo path, the lock, the state query, per-attempt failures in the history, cancel, the DLQ
 * lifecycle, an operator's terminate and a workflow timeout caught by the sweeper, and a worker
 * SIGKILLed mid-saga with sticky execution on. docs/design.md "Engines" lists what it showed.
 */
class RealServerIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private static RealServerStack stack;
  private static JsonNode demo;

  @BeforeAll
  static void startTheStack() {
    stack = RealServerStack.start(Path.of("target", "real-server-" + RUN));
    // The sagas several tests read: one per sandbox path, made once.
    demo = ok("demo", "--json", "--timeout", "2m");
  }

  @AfterAll
  static void stopTheStack() {
    if (stack != null) {
      stack.close();
    }
  }

  private static ProcessResult saga(String... args) {
    return stack.cli.run(args);
  }

  private static JsonNode ok(String... args) {
    ProcessResult run = saga(args);
    assertThat(run.exitCode()).as(run + stack.workerLogs()).isZero();
    return CliJson.of(run);
  }


  /** Runs the command until its JSON (exit 0, or 1 for a saga that failed) passes the check. */
  private static JsonNode until(Predicate<JsonNode> check, String... args) {
    AtomicReference<ProcessResult> last = new AtomicReference<>();
    try {
      return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1))
          .until(() -> {
            last.set(saga(args));
            return last.get().exitCode() <= 1 ? CliJson.of(last.get()) : null;
          }, json -> json != null && check.test(json));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("waited " + PATIENCE + " for " + last.get(), e);
    }
  }

  private static String pay(String paymentNo, String cardToken) {
    return ok("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "12.34", "--currency", "CNY",
        "--card-token", cardToken, "--json").get("sagaId").asText();
  }

  private static String status(JsonNode statusJson) {
    return statusJson.get("saga").get("status").asText();
  }

  private static JsonNode demoSaga(String path) {
    return StreamSupport.stream(demo.get("sagas").spliterator(), false)
        .filter(s -> s.get("path").asText().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no " + path + " saga in " + demo));
  }

  @Test
  void everyDemoPathReachesItsStatus() {
    assertThat(demo.get("allAsExpected").asBoolean()).as(demo.toString()).isTrue();
    List<String> statuses = new ArrayList<>();
    demo.get("sagas").forEach(s -> statuses.add(s.get("path").asText() + "=" + s.get("status").asText()));
    assertThat(statuses).containsExactly("success=COMPLETED", "decline=COMPENSATED", "flaky-then-success=COMPLETED",
        "flaky-exhausted=COMPENSATED", "frozen-merchant=COMPENSATED", "refund-failure=RECOVERING");
  }

  @Test
  void theHistoryHoldsTheFailureOfEachRetriedAttempt() {
    JsonNode history = ok("history", demoSaga("flaky-then-success").get("paymentNo").asText(), "--json");

    // The real server records the previous attempt's failure on ActivityTaskStarted (the test server does not).
    JsonNode charge = StreamSupport.stream(history.get("events").spliterator(), false)
        .filter(e -> e.get("event").asText().equals("ActivityTaskStarted")
            && e.get("activity").asText().equals("CallPaymentChannel"))
        .findFirst().orElseThrow();
    assertThat(charge.get("attempt").asInt()).isEqualTo(3);
    assertThat(charge.get("failure").asText()).contains("[ChannelUnavailable]");
    // The link goes to the dev server's own UI, which the CLI derives from the Temporal address.
    assertThat(history.get("historyUrl").asText()).startsWith(TemporalUi.defaultUrl(stack.temporal.address())
        + "/namespaces/default/workflows/" + history.get("sagaId").asText() + "/");
  }

  @Test
  void aPaymentNumberRunsOnceEver() {
    String paymentNo = "rs-" + RUN + "-lock";
    JsonNode first = ok("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "1.00", "--currency",
        "CNY", "--card-token", "tok_visa", "--wait", "--json");
    JsonNode again = ok("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "9.99", "--currency",
        "CNY", "--card-token", "tok_visa", "--json");

    assertThat(first.get("started").asBoolean()).isTrue();
    assertThat(first.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(again.get("started").asBoolean()).as("closed, and REJECT_DUPLICATE: nothing starts").isFalse();
    assertThat(again.get("runId").asText()).isEqualTo(first.get("runId").asText());
  }

  @Test
  void theStateQueryAnswersWhileTheSagaRunsAndCancelCompensates() throws Exception {
    String paymentNo = "rs-" + RUN + "-cancel";
    // Every charge attempt outlasts its 3 s timeout, and the first lands after the last attempt
    // began (23 s): the saga stays in its charge until it is cancelled.
    pay(paymentNo, "tok_slow_30");

    JsonNode running = until(json -> json.get("saga").get("stepsSucceeded").asInt() == 1, "status", paymentNo, "--json");
    assertThat(running.get("source").asText()).isEqualTo("query");
    assertThat(status(running)).isEqualTo("RUNNING");
    assertThat(running.get("saga").get("steps").get(1).get("status").asText()).isEqualTo("RUNNING");

    new PaymentSagaClient(stack.client).cancel(paymentNo);
    JsonNode cancelled = until(json -> !json.get("open").asBoolean(), "status", paymentNo, "--json");
    assertThat(cancelled.get("workflowStatus").asText()).isEqualTo("CANCELED");
    assertThat(status(cancelled)).isEqualTo("COMPENSATED");
  }

  @Test
  void theDlqLifecycle() {
    String paymentNo = demoSaga("refund-failure").get("paymentNo").asText();
    String sagaId = PaymentSaga.workflowIdFor(paymentNo);
    // Recovery gives up after 8 s here: the demo's refund-failure saga parks in the DLQ.
    JsonNode parked = until(json -> status(json).equals("DLQ"), "status", paymentNo, "--json");
    assertThat(parked.get("inDlq").asBoolean()).isTrue();
    assertThat(parked.get("open").asBoolean()).isTrue();

    JsonNode list = ok("dlq", "list", "--json");
    JsonNode entry = StreamSupport.stream(list.get("entries").spliterator(), false)
        .filter(e -> e.get("sagaId").asText().equals(sagaId)).findFirst().orElseThrow();
    assertThat(entry.get("source").asText()).isEqualTo("recovery");
    assertThat(entry.get("sagaWaiting").asBoolean()).isTrue();
    assertThat(ok("dlq", "show", sagaId, "--json").get("entry").get("failureChain").toString()).contains("RefundPayment").contains("ChannelUnavailable");
    assertThat(saga("dlq", "remove", sagaId).exitCode()).as("the saga still waits: refused without --force").isEqualTo(1);

    String parkedAt = ok("status", paymentNo, "--json").get("saga").get("updatedAt").asText();
    assertThat(ok("dlq", "retry", sagaId, "--json").get("action").asText()).isEqualTo("signalled");
    // The refund fails every time: the saga runs its 4 attempts again and parks again.
    until(json -> status(json).equals("DLQ") && !json.get("saga").get("updatedAt").asText().equals(parkedAt),
        "status", paymentNo, "--json");
    assertThat(ok("dlq", "show", sagaId, "--json").get("entry").get("retries").asInt()).isEqualTo(1);

    ok("dlq", "resolve", sagaId, "--note", "refunded by hand, ticket 42", "--json");
    JsonNode resolved = until(json -> !json.get("open").asBoolean(), "status", paymentNo, "--json");
    assertThat(status(resolved)).isEqualTo("RESOLVED");
    assertThat(resolved.get("saga").get("note").asText()).isEqualTo("refunded by hand, ticket 42");
    assertThat(saga("dlq", "show", sagaId).exitCode()).as("the entry is gone").isEqualTo(3);
    until(json -> ids(json).contains(sagaId), "list", "--status", "RESOLVED", "--json");
  }

  @Test
  void aSagaAnOperatorTerminatedIsParkedByTheSweeperAndCompensatedByRetry() throws Exception {
    String paymentNo = "rs-" + RUN + "-terminated";
    String sagaId = pay(paymentNo, "tok_slow_5");
    until(json -> json.get("saga").get("stepsSucceeded").asInt() == 1, "status", paymentNo, "--json");

    stack.client.newUntypedWorkflowStub(sagaId).terminate("operator: charge stuck at the provider");
    JsonNode parked = until(json -> json.has("entry"), "dlq", "show", sagaId, "--json");
    assertThat(parked.get("entry").get("source").asText()).isEqualTo("sweeper");
    assertThat(parked.get("entry").get("reason").asText()).contains("operator: charge stuck at the provider");

    JsonNode retry = ok("dlq", "retry", sagaId, "--json");
    assertThat(retry.get("action").asText()).isEqualTo("compensationStarted");
    assertThat(retry.get("workflowId").asText()).isEqualTo(SagaCompensation.workflowIdFor(sagaId));
    SagaState compensated = stack.client.newUntypedWorkflowStub(retry.get("workflowId").asText())
        .getResult(PATIENCE.toSeconds(), TimeUnit.SECONDS, SagaState.class);
    assertThat(compensated.status()).isEqualTo(SagaStatus.COMPENSATED);
    // Temporal ended it: no saga code recorded that, the list still shows it FAILED.
    JsonNode failed = until(json -> ids(json).contains(sagaId), "list", "--status", "FAILED", "--json");
    failed.get("sagas").forEach(s -> assertThat(s.get("status").asText()).isEqualTo("FAILED"));
  }

  @Test
  void aWorkflowExecutionTimeoutIsCaughtByTheSweeper() {
    // The real server caps each activity's schedule-to-close at the run's remaining time, so a
    // timed-out charge fails and compensates before the run times out. What outlives a run timeout
    // is a saga waiting on a timer: this one is in recovery (its refund always fails) after 14 s.
    String paymentNo = "rs-" + RUN + "-timeout";
    PaymentSagaClient shortLived = new PaymentSagaClient(stack.client,
        new PaymentSagaClient.Options(Defaults.TASK_QUEUE, Duration.ofSeconds(18)));
    String sagaId = shortLived.start(PaymentRequests.parse(paymentNo, "m_frozen", "5.00", "CNY", "tok_refund_fail"))
        .sagaId();

    JsonNode parked = until(json -> json.has("entry"), "dlq", "show", sagaId, "--json");
    assertThat(parked.get("entry").get("source").asText()).isEqualTo("sweeper");
    assertThat(parked.get("entry").get("reason").asText()).isEqualTo("workflow timed_out");
    JsonNode status = ok("status", paymentNo, "--json");
    assertThat(status.get("workflowStatus").asText()).isEqualTo("TIMED_OUT");
    assertThat(status.get("inDlq").asBoolean()).isTrue();

    assertThat(ok("dlq", "remove", sagaId, "--json").get("removed").asBoolean()).isTrue();
    assertThat(saga("dlq", "show", sagaId).exitCode()).isEqualTo(3);
    until(json -> ids(json).contains(sagaId), "list", "--status", "FAILED", "--json");
  }

  @Test
  void sagaListFindsSagasByTheirSearchAttributes() {
    String declined = demoSaga("decline").get("sagaId").asText();
    String completed = demoSaga("success").get("sagaId").asText();
    String frozen = demoSaga("frozen-merchant").get("sagaId").asText();
    // Visibility is eventually consistent: the list catches up within a second or so.
    JsonNode compensated = until(json -> ids(json).contains(declined),
        "list", "--status", "COMPENSATED", "--since", "1h", "--limit", "100", "--json");
    assertThat(ids(compensated)).contains(frozen, demoSaga("flaky-exhausted").get("sagaId").asText())
        .doesNotContain(completed);
    JsonNode row = StreamSupport.stream(compensated.get("sagas").spliterator(), false)
        .filter(s -> s.get("sagaId").asText().equals(frozen)).findFirst().orElseThrow();
    assertThat(row.get("failedStep").asText()).isEqualTo("CreditMerchant");
    assertThat(row.get("merchantId").asText()).isEqualTo("m_frozen");
    assertThat(row.get("historyUrl").asText()).startsWith(TemporalUi.defaultUrl(stack.temporal.address())
        + "/namespaces/default/workflows/" + frozen + "/");

    assertThat(ids(ok("list", "--status", "COMPLETED", "--limit", "100", "--json"))).contains(completed)
        .doesNotContain(declined);
    assertThat(ids(ok("list", "--merchant", "m_frozen", "--json")))
        .contains(frozen, demoSaga("refund-failure").get("sagaId").asText()).doesNotContain(declined);
    assertThat(ok("list", "--type", "RefundSaga", "--json").get("count").asInt()).isZero();

    JsonNode status = ok("status", demoSaga("frozen-merchant").get("paymentNo").asText(), "--json");
    assertThat(status.get("searchAttributes").toString()).isEqualTo("{\"SagaStatus\":\"COMPENSATED\","
        + "\"SagaType\":\"PaymentSaga\",\"PaymentNo\":\"" + demoSaga("frozen-merchant").get("paymentNo").asText()
        + "\",\"MerchantId\":\"m_frozen\",\"SagaFailedStep\":\"CreditMerchant\"}");
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.get("sagas").forEach(s -> ids.add(s.get("sagaId").asText()));
    return ids;
  }

  @Test
  void aWorkerKilledMidSagaWithStickyExecutionLeavesItsSagasToTheOther() throws Exception {
    List<String> sagaIds = new ArrayList<>();
    PaymentSagaClient payments = new PaymentSagaClient(stack.client);
    for (int i = 0; i < 10; i++) {
      // Each charge takes 2 s (within its 3 s timeout): the sagas are mid-flight when the worker dies.
      sagaIds.add(payments.start(PaymentRequests.parse("rs-" + RUN + "-sticky-" + i, "m_shop", "3.00", "CNY",
          "tok_slow_2")).sagaId());
    }
    // Every saga in its charge (2 s) when the worker dies: the next workflow task of each is due on
    // the sticky queue of the worker that ran its last one.
    await().atMost(PATIENCE).until(() -> sagaIds.stream().allMatch(RealServerIT::charging));
    stack.workers.get(1).process().kill();

    SagaReader reader = new SagaReader(stack.client);
    for (String sagaId : sagaIds) {
      assertThat(reader.await(sagaId, PATIENCE).status()).as(sagaId + stack.workerLogs()).isEqualTo(SagaStatus.COMPLETED);
    }
    // The killed worker held some of them on its sticky queue: the server timed those tasks out
    // (schedule-to-start) and gave them to the other worker, which replayed the history.
    long moved = sagaIds.stream().filter(id -> stack.client.fetchHistory(id).getEvents().stream()
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT
            && e.getWorkflowTaskTimedOutEventAttributes().getTimeoutType() == TimeoutType.TIMEOUT_TYPE_SCHEDULE_TO_START))
        .count();
    assertThat(moved).as("sagas whose sticky workflow task the server moved off the killed worker").isPositive();
  }

  private static boolean charging(String sagaId) {
    return stack.client.fetchHistory(sagaId).getEvents().stream()
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED
            && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("CallPaymentChannel"));
  }

  @Test
  void aWorkerWhoseNamespaceLacksTheSearchAttributesStopsAtStartNamingThem() throws Exception {
    Path dir = Path.of("target", "real-server-" + RUN, "bare");
    try (TemporalDevServerProcess bare = TemporalDevServerProcess.start(RealServerStack.temporalCli(), dir, false)) {
      ManagedProcess worker = ChaosStack.worker("worker-bare", ProjectJars.workerApp(), bare, stack.redis, Map.of(), dir)
          .process().start();
      assertThat(worker.exitCode(Duration.ofSeconds(90))).as(worker.log().tail(20)).hasValue(1);
      assertThat(worker.log().tail(200)).contains("The worker cannot start: Namespace default lacks the search attributes "
          + "SagaStatus, SagaType, PaymentNo, MerchantId, SagaFailedStep (Keyword)")
          .contains("temporal operator search-attribute create --namespace default --name SagaStatus --type Keyword");
    }
  }
}
