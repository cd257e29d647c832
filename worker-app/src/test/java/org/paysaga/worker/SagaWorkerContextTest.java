package org.paysaga.worker;

import org.paysaga.saga.SagaMetrics;
import org.paysaga.worker.temporal.TemporalWorkerConfiguration;

import org.paysaga.saga.SagaSearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.SagaWorkflow;
import org.paysaga.testing.TestPayments;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.TestPayloadKeys;
import org.paysaga.worker.metrics.SagaMeters;
import org.paysaga.worker.testing.PromQl;
import org.paysaga.worker.testing.Scrape;
import org.paysaga.worker.testing.WorkflowCaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import redis.embedded.RedisServer;

/**
 * The whole worker (application.yaml, default profile) on Temporal's port-bound test server (real
 * time) and a real redis-server of its own: one saga per sandbox path, then
 * {@code /actuator/prometheus} read back: every saga metric with its counts, tags and buckets,
 * nothing counted twice after a forced replay, the four saga queries (docs/worker-app.md
 * "Metrics") evaluated by promtool, and health following Redis down and up (its components shown to
 * an operator's token only).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SagaWorkerContextTest {
  private static final String PAYMENT = PaymentSaga.WORKFLOW_TYPE;
  private static final int[] PORTS = FreePorts.distinct(3);
  private static final int TEMPORAL_PORT = PORTS[0];
  private static final int REDIS_PORT = PORTS[1];
  private static final int MANAGEMENT_PORT = PORTS[2];
  private static final String OPERATOR_TOKEN = "context-test-operator-token";
  private static final TestServer.PortBoundTestServer TEMPORAL = startTemporal();
  private static final RedisServer REDIS = startRedis();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + TEMPORAL_PORT);
    registry.add("saga.redis.url", () -> "redis://127.0.0.1:" + REDIS_PORT);
    registry.add("server.port", () -> MANAGEMENT_PORT);
    registry.add("management.server.port", () -> MANAGEMENT_PORT);
    registry.add("saga.task-queue", () -> "payment-saga-context-test");
    registry.add("saga.codec.keys", () -> TestPayloadKeys.KEYS);
    registry.add("saga.access-tokens", () -> OPERATOR_TOKEN);
    // Short recovery so tok_refund_fail + m_frozen reaches the DLQ after one recovery round.
    registry.add("saga.recovery.interval", () -> "1s");
    registry.add("saga.recovery.give-up-after", () -> "2s");
    // tok_slow_20 times out on every attempt: the configured step timeout is what applies.
    registry.add("saga.steps.CallPaymentChannel.start-to-close", () -> "1s");
    registry.add("saga.metrics.gauge-refresh", () -> "200ms");
    // Every sandbox refusal would print the SDK's warning with a stack trace.
    registry.add("logging.level.io.temporal.internal.activity", () -> "ERROR");
  }

  @Autowired WorkflowClient client;
  @Autowired @Qualifier(TemporalWorkerConfiguration.WORKER_FACTORY_BEAN) WorkerFactory workerFactory;

  private final HttpClient http = HttpClient.newHttpClient();
  private PaymentSagaClient payments;
  private Scrape atStart;

  /** Each sandbox path, by name: the request and how it must end. */
  private record Path_(String name, PaymentRequest request, SagaStatus outcome) {}

  private final Map<String, Path_> paths = new LinkedHashMap<>();

  @BeforeAll
  void scrapeAtStart() throws Exception {
    payments = new PaymentSagaClient(client, new PaymentSagaClient.Options("payment-saga-context-test", null));
    atStart = scrape();
  }

  /** A Java test server with the sagas' search attributes, as the local profile's own. */
  private static TestServer.PortBoundTestServer startTemporal() {
    TestServer.PortBoundTestServer server = TestServer.createPortBoundServer(TEMPORAL_PORT);
    SagaSearchAttributes.register("127.0.0.1:" + TEMPORAL_PORT, "default");
    return server;
  }

  @AfterAll
  void stopServers() throws IOException {
    TEMPORAL.close();
    REDIS.stop();
  }

  @Test
  void everySagaMetricIsThereAtZeroFromTheStart() {
    // 5 outcomes x (saga type on its own workflow + on the compensation workflow), per saga type.
    assertThat(atStart.named("saga_total", "saga_type", PAYMENT)).hasSize(10)
        .allSatisfy(s -> assertThat(s.value()).isZero());
    assertThat(atStart.named("saga_step_total", "saga_type", PAYMENT, "workflow_type", PAYMENT)).hasSize(8);
    assertThat(atStart.named("saga_compensation_total", "saga_type", PAYMENT, "workflow_type", PAYMENT)).hasSize(6);
    assertThat(atStart.named("saga_compensation_retries_total", "saga_type", PAYMENT, "workflow_type", PAYMENT)).hasSize(3);
    assertThat(atStart.value("saga_in_progress")).isZero();
    assertThat(atStart.value("saga_dlq_size")).isZero();
    for (Scrape.Sample s : atStart.named("saga_total")) {
      assertThat(s.labels()).containsOnlyKeys("namespace", "task_queue", "workflow_type", "saga_type", "status");
      assertThat(s.label("namespace")).isEqualTo("default");
      assertThat(s.label("task_queue")).isEqualTo("payment-saga-context-test");
    }
  }

  @Test
  void sagasOfEverySandboxPathAreCountedOnceEvenAfterAForcedReplay(@TempDir Path tmp) throws Exception {
    path("visa", TestPayments.withCard(SandboxMagicValues.CARD_OK), SagaStatus.COMPLETED);
    path("declined", TestPayments.withCard(SandboxMagicValues.CARD_DECLINED), SagaStatus.COMPENSATED);
    path("flaky-2", TestPayments.withCard(SandboxMagicValues.flakyCard(2)), SagaStatus.COMPLETED);
    path("flaky-4", TestPayments.withCard(SandboxMagicValues.flakyCard(4)), SagaStatus.COMPENSATED);
    // Slower than all four 1 s attempts and their waits (17 s): every attempt times out, the saga
    // compensates, and the refund voids the charge's key, so the late charges are refused.
    path("slow-20", TestPayments.withCard(SandboxMagicValues.slowCard(20)), SagaStatus.COMPENSATED);
    path("refund-fail", TestPayments.withCard(SandboxMagicValues.CARD_REFUND_FAILS), SagaStatus.COMPLETED);
    path("frozen", TestPayments.toMerchant(SandboxMagicValues.MERCHANT_FROZEN), SagaStatus.COMPENSATED);
    path("merchant-flaky-2", TestPayments.toMerchant(SandboxMagicValues.flakyMerchant(2)), SagaStatus.COMPLETED);
    path("dlq", TestPayments.payment(SandboxMagicValues.CARD_REFUND_FAILS, SandboxMagicValues.MERCHANT_FROZEN),
        SagaStatus.DLQ);
    for (Path_ p : paths.values()) {
      assertThat(payments.start(p.request()).started()).isTrue();
    }
    // A request that skipped the client's validation: the workflow itself rejects it.
    PaymentRequest invalid = new PaymentRequest(TestPayments.uniquePaymentNo("invalid"), "m_test", 0, "CNY", "tok_visa");
    PaymentSaga invalidSaga = client.newWorkflowStub(PaymentSaga.class, WorkflowOptions.newBuilder()
        .setWorkflowId(PaymentSaga.workflowIdFor(invalid.paymentNo()))
        .setTaskQueue("payment-saga-context-test").build());
    WorkflowClient.start(invalidSaga::pay, invalid);

    // While they run, saga_in_progress counts them (read from the in-flight registry in Redis).
    await().atMost(Duration.ofSeconds(20)).until(() -> scrape().value("saga_in_progress") >= 3);

    for (Path_ p : paths.values()) {
      SagaState state = p.outcome() == SagaStatus.DLQ ? awaitStatus(p, SagaStatus.DLQ)
          : payments.await(p.request().paymentNo(), Duration.ofMinutes(2));
      assertThat(state.status()).as(p.name()).isEqualTo(p.outcome());
    }
    assertThat(payments.await(invalid.paymentNo(), Duration.ofSeconds(30)).status()).isEqualTo(SagaStatus.FAILED);

    // The starter's metrics scope reports every 10 s: wait for the last saga to show.
    Scrape beforeReplay = awaitScrape(s -> s.sum("saga_total", "workflow_type", PAYMENT) == 10
        && s.sum("saga_compensation_total", "workflow_type", PAYMENT) == 13
        && s.value("saga_dlq_size") == 1 && s.value("saga_in_progress") == 0);
    assertCounts(beforeReplay, false);
    assertBuckets(beforeReplay, 10);
    assertTemporalMetrics(beforeReplay);
    checkDesignQueries(beforeReplay, tmp);

    // Forced replay: empty the workflow cache (as a worker restart does), read every saga's state
    // with the query (a full replay each), then wake the parked saga, which replays its whole
    // history before it runs on.
    double replaysBefore = beforeReplay.sum("temporal_workflow_task_replay_latency_seconds_count");
    WorkflowCaches.evictAll(workerFactory);
    for (Path_ p : paths.values()) {
      assertThat(client.newUntypedWorkflowStub(payments.sagaId(p.request().paymentNo()))
          .query(SagaWorkflow.STATE_QUERY, SagaState.class).status())
          .isEqualTo(p.outcome());
    }
    Path_ parked = paths.get("dlq");
    client.newUntypedWorkflowStub(PaymentSagaClient.sagaId(parked.request().paymentNo()))
        .signal(SagaWorkflow.RESOLVE_SIGNAL, "refund issued by hand (context test)");
    SagaState resolved = payments.await(parked.request().paymentNo(), Duration.ofSeconds(30));
    assertThat(resolved.status()).isEqualTo(SagaStatus.RESOLVED);

    Scrape afterReplay = awaitScrape(s -> s.value("saga_total", "workflow_type", PAYMENT, "status", "resolved") == 1
        && s.value("saga_dlq_size") == 0);
    assertThat(afterReplay.sum("temporal_workflow_task_replay_latency_seconds_count"))
        .as("the worker replayed histories").isGreaterThan(replaysBefore);
    assertCounts(afterReplay, true);
    assertBuckets(afterReplay, 11);
    // Nothing else moved: every other saga series has the value it had before the replays. The
    // payment service calls are counted per call, not per saga: late attempts of the slow charge
    // (refused by its voided key) and the resolve go on adding to them.
    for (Scrape.Sample before : beforeReplay.samples()) {
      if (!before.name().startsWith("saga_") || before.name().startsWith("saga_duration_seconds")
          || before.name().startsWith("saga_provider_calls")
          || before.name().equals(SagaMetrics.DLQ_SIZE) || before.series().contains("status=\"resolved\"")) {
        continue;
      }
      assertThat(afterReplay.samples()).as(before.series())
          .anySatisfy(after -> {
            assertThat(after.series()).isEqualTo(before.series());
            assertThat(after.value()).isEqualTo(before.value());
          });
    }
  }

  @Test
  void onlyHealthInfoAndPrometheusAreExposed() throws Exception {
    assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/info").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus").statusCode()).isEqualTo(200);
    for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/metrics", "/actuator/configprops",
        "/actuator/threaddump", "/actuator/heapdump", "/actuator/loggers", "/actuator/shutdown")) {
      assertThat(get(hidden).statusCode()).as(hidden).isEqualTo(404);
    }
  }

  @Test
  void healthShowsStatusToAnyoneAndComponentsToAnOperatorOnly() throws Exception {
    for (String path : List.of("/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness")) {
      for (HttpResponse<String> anonymous : List.of(get(path), get(path, "Bearer wrong-token"), get(path, "Basic " + OPERATOR_TOKEN))) {
        assertThat(anonymous.statusCode()).as(path).isEqualTo(200);
        assertThat(anonymous.body()).as(path).contains("\"status\":\"UP\"")
            .doesNotContain("\"components\"", "\"details\"", "\"redis\"", "\"temporal\"", "127.0.0.1");
      }
    }
    HttpResponse<String> health = get("/actuator/health", "Bearer " + OPERATOR_TOKEN);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"components\"", "\"temporal\":{", "\"redis\":{\"details\"",
        "\"paymentServices\":{", "\"livenessState\"");
    HttpResponse<String> readiness = get("/actuator/health/readiness", "Bearer " + OPERATOR_TOKEN);
    assertThat(readiness.body()).contains("\"components\"", "\"temporal\":{", "\"redis\":{\"details\"",
        "\"paymentServices\":{", "\"readinessState\"");
    assertThat(get("/actuator/health/liveness", "Bearer " + OPERATOR_TOKEN).body())
        .contains("\"livenessState\"").doesNotContain("\"redis\"");
  }

  @Test
  void healthGoesDownWithRedisAndUpWhenItReturns() throws Exception {
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    REDIS.stop();
    try {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        HttpResponse<String> readiness = get("/actuator/health/readiness", "Bearer " + OPERATOR_TOKEN);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(readiness.body()).contains("\"redis\":{\"details\"").contains("\"status\":\"DOWN\"");
        assertThat(get("/actuator/health").statusCode()).isEqualTo(503);
      });
      // Liveness is the app's own state: a Redis outage must not get the worker restarted.
      assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
    } finally {
      REDIS.start();
    }
    await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
      assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
      assertThat(get("/actuator/health", "Bearer " + OPERATOR_TOKEN).body()).contains("\"redis\":{\"details\":{\"address\":\"redis://127.0.0.1:" + REDIS_PORT);
    });
  }

  // ------------------------------------------------------------------------------ expectations

  /**
   * Counts worked out from the sandbox paths (the README's "Sandbox payment services"): which steps
   * ran forward and with what outcome, which compensations ran, and how often the DLQ saga's refund
   * failed (once in the compensation, once more in its one recovery round; 4 attempts each, so 3
   * retries each).
   */
  private void assertCounts(Scrape s, boolean resolved) {
    String[] p = {"workflow_type", PAYMENT, "saga_type", PAYMENT};
    assertThat(s.value("saga_total", with(p, "status", "completed"))).isEqualTo(4);  // visa, flaky-2, refund-fail, merchant-flaky-2
    assertThat(s.value("saga_total", with(p, "status", "compensated"))).isEqualTo(4); // declined, flaky-4, slow-20, frozen
    assertThat(s.value("saga_total", with(p, "status", "failed"))).isEqualTo(1);      // invalid
    assertThat(s.value("saga_total", with(p, "status", "dlq"))).isEqualTo(1);
    assertThat(s.value("saga_total", with(p, "status", "resolved"))).isEqualTo(resolved ? 1 : 0);

    assertThat(s.value("saga_step_total", with(p, "step", "CreateOrder", "status", "success"))).isEqualTo(9);
    assertThat(s.value("saga_step_total", with(p, "step", "CreateOrder", "status", "failed"))).isZero();
    assertThat(s.value("saga_step_total", with(p, "step", "CallPaymentChannel", "status", "success"))).isEqualTo(6);
    assertThat(s.value("saga_step_total", with(p, "step", "CallPaymentChannel", "status", "failed"))).isEqualTo(3);
    assertThat(s.value("saga_step_total", with(p, "step", "CreditMerchant", "status", "success"))).isEqualTo(4);
    assertThat(s.value("saga_step_total", with(p, "step", "CreditMerchant", "status", "failed"))).isEqualTo(2);
    assertThat(s.value("saga_step_total", with(p, "step", "CompleteOrder", "status", "success"))).isEqualTo(4);
    assertThat(s.value("saga_step_total", with(p, "step", "CompleteOrder", "status", "failed"))).isZero();

    assertThat(s.value("saga_compensation_total", with(p, "step", "CreateOrder", "status", "success"))).isEqualTo(5);
    assertThat(s.value("saga_compensation_total", with(p, "step", "CallPaymentChannel", "status", "success"))).isEqualTo(4);
    assertThat(s.value("saga_compensation_total", with(p, "step", "CallPaymentChannel", "status", "failed"))).isEqualTo(2);
    assertThat(s.value("saga_compensation_total", with(p, "step", "CreditMerchant", "status", "success"))).isEqualTo(2);
    assertThat(s.sum("saga_compensation_total", with(p, "status", "failed"))).isEqualTo(2);
    assertThat(s.value("saga_compensation_retries_total", with(p, "step", "CallPaymentChannel"))).isEqualTo(6);
    assertThat(s.sum("saga_compensation_retries_total", p)).isEqualTo(6);

    // Step timers: one observation per forward step run.
    assertThat(s.value("saga_step_duration_seconds_count", with(p, "step", "CreateOrder"))).isEqualTo(9);
    assertThat(s.value("saga_step_duration_seconds_count", with(p, "step", "CallPaymentChannel"))).isEqualTo(9);
    assertThat(s.value("saga_step_duration_seconds_count", with(p, "step", "CreditMerchant"))).isEqualTo(6);
    assertThat(s.value("saga_step_duration_seconds_count", with(p, "step", "CompleteOrder"))).isEqualTo(4);
    assertThat(s.value("saga_in_progress")).isZero();
    assertThat(s.value("saga_dlq_size")).isEqualTo(resolved ? 0 : 1);
    // No other saga type or workflow counted anything.
    assertThat(s.sum("saga_total") - s.sum("saga_total", "workflow_type", PAYMENT)).isZero();
  }

  /** Histograms: the buckets of docs/worker-app.md (10 ms .. 5 min), cumulative, +Inf = count. */
  private void assertBuckets(Scrape s, int sagas) {
    List<Scrape.Sample> buckets = s.named("saga_duration_seconds_bucket", "workflow_type", PAYMENT, "saga_type", PAYMENT);
    assertThat(buckets).extracting(b -> b.label("le")).containsExactly("0.01", "0.025", "0.05", "0.1", "0.25",
        "0.5", "1.0", "2.5", "5.0", "10.0", "15.0", "30.0", "60.0", "120.0", "300.0", "+Inf");
    for (int i = 1; i < buckets.size(); i++) {
      assertThat(buckets.get(i).value()).isGreaterThanOrEqualTo(buckets.get(i - 1).value());
    }
    assertThat(buckets.get(buckets.size() - 1).value()).isEqualTo(sagas);
    assertThat(s.value("saga_duration_seconds_count", "workflow_type", PAYMENT, "saga_type", PAYMENT)).isEqualTo(sagas);
    // flaky-2 waits 2 + 4 s, flaky-4 2 + 4 + 8 s, slow-20 four 1 s timeouts and the waits, dlq two
    // rounds of 14 s: at least four sagas took longer than 5 s.
    double le5 = s.value("saga_duration_seconds_bucket", "workflow_type", PAYMENT, "saga_type", PAYMENT, "le", "5.0");
    assertThat(le5).isLessThanOrEqualTo(sagas - 4);
    assertThat(s.value("saga_duration_seconds_sum", "workflow_type", PAYMENT, "saga_type", PAYMENT)).isGreaterThan(40);
    assertThat(s.named("saga_step_duration_seconds_bucket", "workflow_type", PAYMENT, "step", "CreateOrder"))
        .hasSize(16);
  }

  /** The SDK's own metrics come through the starter's metrics scope on the same registry. */
  private void assertTemporalMetrics(Scrape s) {
    for (String name : List.of("temporal_request_total", "temporal_workflow_completed_total",
        "temporal_activity_execution_latency_seconds_bucket", "temporal_workflow_task_schedule_to_start_latency_seconds_bucket",
        "temporal_activity_schedule_to_start_latency_seconds_bucket", "temporal_num_pollers",
        "temporal_worker_task_slots_available", "temporal_long_request_total")) {
      assertThat(s.has(name)).as(name).isTrue();
    }
    assertThat(s.sum("temporal_workflow_completed_total", "workflow_type", PAYMENT)).isGreaterThanOrEqualTo(8);
    // What the SagaNoWorkerPolling alert reads.
    assertThat(s.sum("temporal_long_request_total", "operation", "PollWorkflowTaskQueue")).isPositive();
    assertThat(s.sum("temporal_long_request_total", "operation", "PollActivityTaskQueue")).isPositive();
    assertThat(s.named("temporal_activity_execution_latency_seconds_bucket", "activity_type", "CreateOrder"))
        .extracting(b -> b.label("le")).contains("0.001", "1.0", "60.0", "+Inf").hasSize(15);
  }

  /**
   * The four saga queries of docs/worker-app.md "Metrics", on the scrapes at start and now, in Java
   * and with promtool.
   */
  private void checkDesignQueries(Scrape now, Path tmp) throws Exception {
    double completedRatio = 4.0 / 10.0;
    double compensationFailedRatio = 2.0 / 13.0;
    double p95 = PromQl.histogramQuantile(0.95, atStart, now, "saga_duration_seconds_bucket");
    assertThat(now.sum("saga_total", "status", "completed") / now.sum("saga_total")).isCloseTo(completedRatio, within(1e-9));
    assertThat(now.sum("saga_compensation_total", "status", "failed") / now.sum("saga_compensation_total"))
        .isCloseTo(compensationFailedRatio, within(1e-9));
    // The slowest 5 % (the DLQ saga, ~30 s) lies in the 15..30 s or 30..60 s bucket.
    assertThat(p95).isBetween(15.0, 60.0);
    Assumptions.assumeTrue(PromQl.available(), "promtool is not on the PATH: PromQL not evaluated by Prometheus");
    new PromQl()
        .series(atStart, now, "saga_")
        .expect("sum(rate(saga_total{status=\"completed\"}[5m])) / sum(rate(saga_total[5m]))", completedRatio)
        .expect("histogram_quantile(0.95, sum by (le) (rate(saga_duration_seconds_bucket[5m])))", p95)
        .expect("sum(rate(saga_compensation_total{status=\"failed\"}[5m])) / sum(rate(saga_compensation_total[5m]))",
            compensationFailedRatio)
        .expect("saga_dlq_size", 1)
        .run(tmp);
  }

  // ------------------------------------------------------------------------------ helpers

  private void path(String name, PaymentRequest request, SagaStatus outcome) {
    paths.put(name, new Path_(name, request, outcome));
  }

  private SagaState awaitStatus(Path_ p, SagaStatus status) {
    List<SagaState> last = new ArrayList<>(1);
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
      last.clear();
      last.add(payments.state(p.request().paymentNo()));
      return last.get(0).status() == status;
    });
    return last.get(0);
  }

  private Scrape awaitScrape(java.util.function.Predicate<Scrape> ready) {
    List<Scrape> last = new ArrayList<>(1);
    await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500)).until(() -> {
      last.clear();
      last.add(scrape());
      return ready.test(last.get(0));
    });
    return last.get(0);
  }

  private Scrape scrape() throws IOException, InterruptedException {
    HttpResponse<String> response = get("/actuator/prometheus");
    assertThat(response.statusCode()).isEqualTo(200);
    return Scrape.parse(response.body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return get(path, null);
  }

  /** @param authorization an {@code Authorization} header, or null */
  private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + MANAGEMENT_PORT + path))
        .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String[] with(String[] base, String... more) {
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  private static RedisServer startRedis() {
    try {
      RedisServer server = RedisServer.newRedisServer().bind("127.0.0.1").port(REDIS_PORT)
          .setting("save \"\"").setting("appendonly no").onShutdownForceStop(true).build();
      server.start();
      return server;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start redis-server on " + REDIS_PORT, e);
    }
  }
}
