package org.paysaga.reliability.realserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.reliability.chaos.ChaosStack;
import org.paysaga.reliability.stack.RedisServerProcess;
import org.paysaga.reliability.stack.TemporalDevServerProcess;
import org.paysaga.testsupport.ProcessResult;
import org.paysaga.testsupport.ProjectJars;
import org.paysaga.testsupport.SagaCliJar;
import org.paysaga.testsupport.WorkerApp;

/**
 * No card data where it does not belong (issue 16): every sandbox path runs through the worker jar
 * and the CLI jar on the Temporal dev server, and then no card token used is in the worker's log,
 * any CLI output (text and --json, the DLQ's included), the metrics scrape, the workflow IDs and
 * search attributes (visibility, over gRPC), or the DLQ entries as Redis holds them. A PAN passed
 * as a token is refused with exit 2. Then one completed saga's history, read raw from the server
 * without any codec, must hold neither a card token nor the amount: Temporal holds ciphertext.
 *
 * <p>Left out on purpose: the sandbox payment services' own Redis keys (orders, charges, refunds,
 * attempts): they are the payment provider's data, as a real provider keeps the token it issued;
 * and the idempotency barrier, which holds step receipts (references, no request fields).
 */
class CardHygieneIT {
  private static final String RUN = Long.toString(System.currentTimeMillis(), 36);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  /** A distinctive amount: 4321.87 CNY, 432187 minor units, for the raw-history check. */
  private static final String AMOUNT = "4321.87";
  private static final long AMOUNT_MINOR = 432187;
  private static final String PAN = "4111111111111111";
  /** Every card token the run uses: the demo's six paths, and the others paid below. */
  private static final Set<String> TOKENS = Set.of("tok_visa", "tok_decline", "tok_flaky_2", "tok_flaky_4",
      "tok_refund_fail", "tok_slow_5", "tok_slow_30", "tok_refund_flaky_2", "tok_refund_refused", PAN);

  private static TemporalDevServerProcess temporal;
  private static RedisServerProcess redis;
  private static WorkerApp worker;
  private static WorkflowServiceStubs stubs;
  private static SagaCliJar cli;
  /** What was collected, by where it came from. */
  private static final Map<String, String> collected = new LinkedHashMap<>();
  private static final List<ProcessResult> runs = new ArrayList<>();
  private static String completedSagaId;

  @BeforeAll
  static void runEverySandboxPathAndCollect() throws Exception {
    Path workDir = Path.of("target", "card-hygiene-" + RUN);
    Path temporalCli = RealServerStack.temporalCli();
    Path workerJar = ProjectJars.workerApp();
    temporal = TemporalDevServerProcess.start(temporalCli, workDir.resolve("temporal"));
    redis = RedisServerProcess.start(RealServerStack.embeddedRedisBinary(), workDir.resolve("redis"), workDir, true);
    // The payload key and operator token: test-support's WorkerApp and SagaCliJar hand them over.
    Map<String, String> settings = new LinkedHashMap<>(Map.of(
        "SAGA_STEPS_CALLPAYMENTCHANNEL_STARTTOCLOSE", "3s",
        "SAGA_RECOVERY_INTERVAL", "2s",
        "SAGA_RECOVERY_GIVEUPAFTER", "8s",
        "SAGA_SWEEPER_INTERVAL", "2s",
        "SAGA_SHUTDOWN_GRACEPERIOD", "5s"));
    worker = ChaosStack.worker("worker", workerJar, temporal, redis, settings, workDir);
    worker.startAndAwaitHealthy();
    stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    Map<String, String> cliEnvironment = new LinkedHashMap<>();
    cliEnvironment.put("TEMPORAL_ADDRESS", temporal.address());
    cliEnvironment.put("REDIS_URL", redis.url());
    cli = new SagaCliJar(cliEnvironment);

    // A card number in place of the token: exit 2, nothing started.
    String panPayment = "hy-" + RUN + "-pan";
    for (ProcessResult refused : List.of(pay(panPayment, PAN, "m_shop", "12.34"),
        pay(panPayment, PAN, "m_shop", "12.34", "--json"))) {
      assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.stderr() + refused.stdout()).contains("--card-token").contains("card number");
    }
    assertThat(saga("status", panPayment).exitCode()).as("nothing started").isEqualTo(3);

    // The demo's six paths, in text and in JSON, side by side.
    CompletableFuture<ProcessResult> demoText = CompletableFuture.supplyAsync(() -> saga("demo", "--timeout", "2m"));
    CompletableFuture<ProcessResult> demoJson =
        CompletableFuture.supplyAsync(() -> saga("demo", "--json", "--timeout", "2m"));

    // The other paths, each started by pay (text and JSON).
    Map<String, String> paid = new LinkedHashMap<>(); // paymentNo -> token
    String completed = "hy-" + RUN + "-completed";
    ProcessResult completedRun = pay(completed, "tok_visa", "m_shop", AMOUNT, "--wait");
    assertThat(completedRun.exitCode()).as(completedRun.toString()).isZero();
    completedSagaId = "payment-" + completed;
    paid.put(completed, "tok_visa");
    paid.put("hy-" + RUN + "-slow", "tok_slow_5");
    paid.put("hy-" + RUN + "-refund-recovers", "tok_refund_flaky_2");
    paid.put("hy-" + RUN + "-refund-refused", "tok_refund_refused");
    paid.put("hy-" + RUN + "-merchant-flaky", "tok_visa");
    paid.put("hy-" + RUN + "-terminated", "tok_slow_30");
    Map<String, String> merchants = Map.of("hy-" + RUN + "-refund-recovers", "m_frozen",
        "hy-" + RUN + "-refund-refused", "m_frozen", "hy-" + RUN + "-merchant-flaky", "m_flaky_2");
    boolean json = false;
    for (Map.Entry<String, String> payment : paid.entrySet()) {
      if (payment.getKey().equals(completed)) {
        continue;
      }
      ProcessResult started = json
          ? pay(payment.getKey(), payment.getValue(), merchants.getOrDefault(payment.getKey(), "m_shop"), "12.34", "--json")
          : pay(payment.getKey(), payment.getValue(), merchants.getOrDefault(payment.getKey(), "m_shop"), "12.34");
      assertThat(started.exitCode()).as(started.toString()).isZero();
      json = !json;
    }

    // An operator terminates a saga stuck in its charge: the sweeper parks it, a retry compensates it.
    String terminated = "hy-" + RUN + "-terminated";
    until(status -> status.get("saga").get("stepsSucceeded").asInt() >= 1, "status", terminated, "--json");
    WorkflowClient.newInstance(stubs).newUntypedWorkflowStub("payment-" + terminated)
        .terminate("operator: charge stuck at the provider");
    JsonNode parked = until(entry -> entry.has("entry"), "dlq", "show", "payment-" + terminated, "--json");
    assertThat(parked.get("entry").get("source").asText()).isEqualTo("sweeper");
    saga("dlq", "show", "payment-" + terminated);
    JsonNode retry = CliJson.of(saga("dlq", "retry", "payment-" + terminated, "--json"));
    until(status -> status.get("saga").get("status").asText().equals("COMPENSATED"),
        "status", retry.get("workflowId").asText(), "--json");

    // Every saga settles: its end, or the DLQ.
    List<String> sagaIds = new ArrayList<>();
    for (ProcessResult demo : List.of(demoText.get(), demoJson.get())) {
      assertThat(demo.exitCode()).as(demo.toString()).isZero();
    }
    CliJson.of(demoJson.get()).get("sagas").forEach(s -> sagaIds.add(s.get("sagaId").asText()));
    paid.keySet().forEach(paymentNo -> sagaIds.add("payment-" + paymentNo));
    Set<String> settled = Set.of("COMPLETED", "COMPENSATED", "DLQ", "FAILED", "RESOLVED");
    for (String sagaId : sagaIds) {
      until(status -> settled.contains(status.get("saga").get("status").asText()), "status", sagaId, "--json");
    }

    // A refund of the completed payment (whole, then in part), text and JSON.
    ProcessResult refund = saga("refund", completed, "--amount", "1.00", "--wait");
    assertThat(refund.exitCode()).as(refund.toString()).isZero();
    JsonNode refundJson = CliJson.of(saga("refund", completed, "--amount", "2.00", "--wait", "--json"));
    sagaIds.add(refundJson.get("sagaId").asText());
    sagaIds.add(retry.get("workflowId").asText());

    // The read-only commands on every saga, text and JSON taking turns (each CLI run is a JVM start).
    for (int i = 0; i < sagaIds.size(); i++) {
      boolean even = i % 2 == 0;
      saga(even ? new String[] {"status", sagaIds.get(i)} : new String[] {"status", sagaIds.get(i), "--json"});
      saga(even ? new String[] {"history", sagaIds.get(i), "--json"} : new String[] {"history", sagaIds.get(i)});
    }
    saga("list");
    saga("list", "--json");
    saga("list", "--status", "COMPENSATED", "--json");
    // The DLQ: list, show each entry, retry one the saga itself parked (it parks again).
    JsonNode dlq = CliJson.of(saga("dlq", "list", "--json"));
    saga("dlq", "list");
    saga("dlq", "size", "--json");
    assertThat(dlq.get("entries").size()).as(dlq.toString()).isGreaterThanOrEqualTo(2);
    for (JsonNode entry : dlq.get("entries")) {
      saga("dlq", "show", entry.get("sagaId").asText());
      saga("dlq", "show", entry.get("sagaId").asText(), "--json");
    }
    saga("dlq", "retry", "payment-hy-" + RUN + "-refund-refused", "--json");
    saga("dlq", "show", "payment-hy-" + RUN + "-refund-refused", "--json");

    StringBuilder outputs = new StringBuilder();
    // What the commands printed (not their command lines, which hold the tokens typed).
    runs.forEach(run -> outputs.append(run.stdout()).append('\n').append(run.stderr()).append('\n'));
    collected.put("CLI output", outputs.toString());
    collected.put("worker log", worker.process().log().text());
    collected.put("metrics scrape", scrape(worker.metricsUrl()));
    collected.put("visibility (workflow IDs, search attributes)", visibility());
    collected.put("DLQ entries in Redis", dlqInRedis());
  }

  @AfterAll
  static void stopTheStack() {
    if (stubs != null) {
      stubs.shutdownNow();
    }
    if (worker != null) {
      worker.close();
    }
    if (redis != null) {
      redis.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  @Test
  void noCardTokenIsInLogsOutputsMetricsVisibilityOrTheDlq() {
    assertThat(collected).containsOnlyKeys("CLI output", "worker log", "metrics scrape",
        "visibility (workflow IDs, search attributes)", "DLQ entries in Redis");
    assertThat(collected.get("DLQ entries in Redis")).as("the DLQ held the run's entries").contains("inputPayload");
    assertThat(collected.get("visibility (workflow IDs, search attributes)")).contains(completedSagaId);
    // The demo's table and the DLQ's entries were printed, their tokens masked.
    assertThat(collected.get("CLI output")).contains("tok_…fail").contains("refund-failure");
    List<String> found = new ArrayList<>();
    collected.forEach((place, text) -> TOKENS.stream().filter(text::contains)
        .forEach(token -> found.add(token + " in the " + place + ": ..." + around(text, token) + "...")));
    assertThat(found).as("card tokens where they do not belong").isEmpty();
  }

  /** Temporal holds ciphertext: the history as the server stores it, read without any codec. */
  @Test
  void aRawHistoryHoldsNeitherTheCardTokenNorTheAmount() {
    GetWorkflowExecutionHistoryResponse raw = stubs.blockingStub().getWorkflowExecutionHistory(
        GetWorkflowExecutionHistoryRequest.newBuilder().setNamespace("default")
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(completedSagaId)).build());
    String bytes = new String(raw.getHistory().toByteArray(), StandardCharsets.ISO_8859_1);
    String text = raw.getHistory().toString();
    assertThat(raw.getHistory().getEventsCount()).isGreaterThan(10);

    // The payloads' JSON would be in the bytes as is (the text form escapes its quotes).
    assertThat(bytes).contains("binary/encrypted")
        .doesNotContain("tok_").doesNotContain("cardToken").doesNotContain("amountMinor")
        .doesNotContain(Long.toString(AMOUNT_MINOR)).doesNotContain(AMOUNT);
    assertThat(text).doesNotContain("tok_").doesNotContain(Long.toString(AMOUNT_MINOR));
  }

  private static ProcessResult pay(String paymentNo, String token, String merchant, String amount, String... more) {
    List<String> args = new ArrayList<>(List.of("pay", "--payment-no", paymentNo, "--merchant", merchant,
        "--amount", amount, "--currency", "CNY", "--card-token", token));
    args.addAll(List.of(more));
    return saga(args.toArray(String[]::new));
  }

  private static ProcessResult saga(String... args) {
    ProcessResult run = cli.run(args);
    synchronized (runs) {
      runs.add(run);
    }
    return run;
  }


  /** Runs the command until its JSON (exit 0, or 1) passes the check. */
  private static JsonNode until(Predicate<JsonNode> check, String... args) {
    return await().atMost(PATIENCE).pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(1)).until(() -> {
      ProcessResult run = saga(args);
      return run.exitCode() <= 1 ? CliJson.of(run) : null;
    }, found -> found != null && check.test(found));
  }

  private static String scrape(String url) throws IOException, InterruptedException {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("saga_total");
    return response.body();
  }

  /** Every execution's info (workflow ID, type, search attributes, memo) as the server lists it. */
  private static String visibility() {
    StringBuilder text = new StringBuilder();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse response = stubs.blockingStub().listWorkflowExecutions(
          ListWorkflowExecutionsRequest.newBuilder().setNamespace("default").setPageSize(500)
              .setNextPageToken(page).build());
      text.append(response).append(new String(response.toByteArray(), StandardCharsets.ISO_8859_1));
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return text.toString();
  }

  /** HGETALL of the DLQ hash, and of the notes of entries resolved by hand. */
  private static String dlqInRedis() {
    RedisClient client = RedisClient.create(redis.url());
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      return connection.sync().hgetall(SagaKeyspace.DEFAULT.dlqEntries()) + "\n"
          + connection.sync().hgetall(SagaKeyspace.DEFAULT.dlqResolutions());
    } finally {
      client.shutdown();
    }
  }

  private static String around(String text, String token) {
    int at = text.indexOf(token);
    return text.substring(Math.max(0, at - 150), Math.min(text.length(), at + token.length() + 50))
        .replace('\n', ' ');
  }
}
