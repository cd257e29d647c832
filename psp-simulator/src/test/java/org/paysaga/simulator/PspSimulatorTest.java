package org.paysaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator's API in this JVM, over real HTTP. */
class PspSimulatorTest {
  private static final String KEY = "sk_unit";
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private final ByteArrayOutputStream output = new ByteArrayOutputStream();

  @TempDir
  Path dataDir;

  private PspSimulator simulator;

  @BeforeEach
  void start() throws IOException {
    simulator = start(FaultPlan.none());
  }

  @AfterEach
  void stop() {
    simulator.close();
  }

  private PspSimulator start(FaultPlan faults) throws IOException {
    return PspSimulator.start(new SimulatorOptions(dataDir, "127.0.0.1", 0, KEY, faults),
        new PrintStream(output, true, StandardCharsets.UTF_8));
  }

  private record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    String code() {
      return body.path("error").path("code").asText();
    }
  }

  private Answer send(String method, String path, String idempotencyKey, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Authorization", "Bearer " + KEY);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode node = response.body().isEmpty() ? json.missingNode() : json.readTree(response.body());
    return new Answer(response.statusCode(), node, response);
  }

  private Answer charge(String key, long amount, String source, String... headers) throws Exception {
    return send("POST", "/v1/charges", key, "{\"amount\":" + amount + ",\"currency\":\"CNY\",\"source\":\"" + source
        + "\",\"merchant\":\"m_1\",\"payment_no\":\"" + key + "\"}", headers);
  }

  private Answer refund(String key, String chargeKey, long amount, String... headers) throws Exception {
    return send("POST", "/v1/refunds", key, "{\"charge_idempotency_key\":\"" + chargeKey + "\",\"amount\":" + amount + "}",
        headers);
  }

  private static String key() {
    return "k-" + UUID.randomUUID();
  }

  @Test
  void chargesReplayAndRefuseReusedKeys() throws Exception {
    String key = key();
    Answer first = charge(key, 1_000, "tok_visa");
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.body().path("id").asText()).startsWith("ch_");
    assertThat(first.body().path("status").asText()).isEqualTo("succeeded");
    assertThat(first.body().path("idempotency_key").asText()).isEqualTo(key);
    assertThat(first.body().toString()).doesNotContain("tok_visa");
    Answer again = charge(key, 1_000, "tok_visa");
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.raw().body()).isEqualTo(first.raw().body());
    assertThat(again.raw().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(first.raw().headers().firstValue("Idempotent-Replayed")).isEmpty();
    assertThat(charge(key, 999, "tok_visa").code()).isEqualTo("idempotency_key_reused");

    Answer found = send("GET", "/v1/charges?idempotency_key=" + key, null, null);
    assertThat(found.body().path("data").get(0).path("id")).isEqualTo(first.body().path("id"));
    assertThat(send("GET", "/v1/charges?idempotency_key=nothing", null, null).body().path("data")).isEmpty();
    assertThat(send("GET", "/v1/charges", null, null).status()).isEqualTo(400);
  }

  @Test
  void declinesAreRecordedAndReplayed() throws Exception {
    String key = key();
    Answer declined = charge(key, 1_000, "tok_decline");
    assertThat(declined.status()).isEqualTo(402);
    assertThat(declined.body().path("error").path("type").asText()).isEqualTo("card_error");
    assertThat(declined.code()).isEqualTo("card_declined");
    assertThat(charge(key, 1_000, "tok_decline").raw().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("tok_…line").doesNotContain("tok_decline");
  }

  @Test
  void requestsAreChecked() throws Exception {
    HttpRequest noAuth = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + "/v1/audit")).build();
    assertThat(http.send(noAuth, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(charge(null, 1_000, "tok_visa").code()).isEqualTo("missing_idempotency_key");
    assertThat(send("POST", "/v1/charges", key(), "not json").code()).isEqualTo("invalid_json");
    assertThat(send("POST", "/v1/charges", key(), "[1]").code()).isEqualTo("invalid_json");
    assertThat(charge(key(), 0, "tok_visa").body().path("error").path("message").asText()).startsWith("amount");
    assertThat(send("POST", "/v1/charges", key(), "{\"amount\":5,\"currency\":\"CN\",\"source\":\"t\"}").code())
        .isEqualTo("parameter_invalid");
    assertThat(send("POST", "/v1/charges", key(), "{\"amount\":5,\"currency\":\"CNY\"}").code()).isEqualTo("parameter_invalid");
    assertThat(refund(null, "c", 1).code()).isEqualTo("missing_idempotency_key");
    assertThat(send("POST", "/v1/refunds", key(), "nope").code()).isEqualTo("invalid_json");
    assertThat(refund(key(), "", 1).code()).isEqualTo("parameter_invalid");
    assertThat(refund(key(), "c", 0).code()).isEqualTo("parameter_invalid");
    assertThat(send("GET", "/v1/refunds", null, null).status()).isEqualTo(405);
    assertThat(send("DELETE", "/v1/charges", null, null).status()).isEqualTo(405);
    assertThat(send("POST", "/v1/audit", null, "{}").status()).isEqualTo(405);
    assertThat(send("POST", "/health", null, "{}").status()).isEqualTo(405);
    assertThat(send("GET", "/v2/else", null, null).status()).isEqualTo(404);
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + simulator.port() + "/health")).build();
    assertThat(http.send(health, HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void refundsVoidPassAndRefuse() throws Exception {
    String chargeKey = key();
    charge(chargeKey, 1_000, "tok_visa");
    Answer partial = refund(key(), chargeKey, 600);
    assertThat(partial.status()).isEqualTo(201);
    assertThat(partial.body().path("id").asText()).startsWith("re_");
    assertThat(partial.body().path("object").asText()).isEqualTo("refund");
    assertThat(refund(key(), chargeKey, 401).code()).isEqualTo("amount_too_large");
    assertThat(refund(key(), chargeKey, 400).status()).isEqualTo(201);

    String never = key();
    String voidingRefund = key();
    assertThat(refund(voidingRefund, never, 100).code()).isEqualTo("no_such_charge");
    assertThat(refund(voidingRefund, never, 100).raw().headers().firstValue("Idempotent-Replayed")).contains("true");
    assertThat(refund(voidingRefund, never, 101).code()).isEqualTo("idempotency_key_reused");
    assertThat(charge(never, 100, "tok_visa").code()).isEqualTo("charge_voided");
    assertThat(refund(key(), never, 100).code()).isEqualTo("no_such_charge");

    String refused = key();
    charge(refused, 1_000, "tok_refund_refused");
    assertThat(refund(key(), refused, 1_000).code()).isEqualTo("refund_refused");
    String failing = key();
    charge(failing, 1_000, "tok_refund_fail");
    String failingRefund = key();
    assertThat(refund(failingRefund, failing, 1_000).status()).isEqualTo(503);
    assertThat(refund(failingRefund, failing, 1_000).status()).isEqualTo(503);
    String flaky = key();
    charge(flaky, 1_000, "tok_refund_flaky_1");
    String flakyRefund = key();
    assertThat(refund(flakyRefund, flaky, 1_000).status()).isEqualTo(503);
    assertThat(refund(flakyRefund, flaky, 1_000).status()).isEqualTo(201);

    JsonNode audit = send("GET", "/v1/audit", null, null).body();
    assertThat(audit.path("summary").path("charges").asInt()).isEqualTo(4);
    assertThat(audit.path("summary").path("refunds").asInt()).isEqualTo(3);
    assertThat(audit.path("summary").path("voided_keys").asInt()).isEqualTo(1);
    assertThat(audit.path("summary").path("double_charged_payments").asInt()).isZero();
    assertThat(audit.path("summary").path("over_refunded_charges").asInt()).isZero();
    assertThat(audit.path("voided_keys").get(0).asText()).isEqualTo(never);
    assertThat(audit.toString()).doesNotContain("tok_refund");
  }

  @Test
  void flakyAndSlowCardsAndARaceOnOneKey() throws Exception {
    String flaky = key();
    assertThat(charge(flaky, 1_000, "tok_flaky_1").status()).isEqualTo(503);
    assertThat(charge(flaky, 1_000, "tok_flaky_1").status()).isEqualTo(201);

    String slow = key();
    List<CompletableFuture<Answer>> racers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      racers.add(CompletableFuture.supplyAsync(() -> {
        try {
          return charge(slow, 1_000, "tok_slow_1");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    List<Integer> statuses = racers.stream().map(CompletableFuture::join).map(Answer::status).toList();
    assertThat(statuses).containsOnlyOnce(201).contains(409);
    assertThat(charge(slow, 1_000, "tok_slow_1").raw().headers().firstValue("Idempotent-Replayed")).contains("true");
  }

  @Test
  void faultsPerRequest() throws Exception {
    String key = key();
    assertThat(charge(key, 1_000, "tok_visa", FaultPlan.HEADER, "error").status()).isEqualTo(503);
    assertThat(send("GET", "/v1/charges?idempotency_key=" + key, null, null).body().path("data")).isEmpty();
    assertThat(charge(key, 1_000, "tok_visa", FaultPlan.HEADER, "bogus").code()).isEqualTo("invalid_fault");
    assertThatThrownBy(() -> charge(key, 1_000, "tok_visa", FaultPlan.HEADER, "drop")).isInstanceOf(IOException.class);
    assertThat(send("GET", "/v1/charges?idempotency_key=" + key, null, null).body().path("data")).hasSize(1);
    long started = System.nanoTime();
    assertThat(charge(key, 1_000, "tok_visa", FaultPlan.HEADER, "slow:300").raw().headers()
        .firstValue("Idempotent-Replayed")).contains("true");
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
    String refundKey = key();
    assertThat(refund(refundKey, key, 10, FaultPlan.HEADER, "error").status()).isEqualTo(503);
    assertThat(refund(refundKey, key, 10, FaultPlan.HEADER, "none").status()).isEqualTo(201);
  }

  @Test
  void faultsAtRandomRates() throws Exception {
    simulator.close();
    simulator = start(new FaultPlan(1, 0, 0, 0));
    assertThat(charge(key(), 1_000, "tok_visa").status()).isEqualTo(503);
    assertThat(send("GET", "/v1/audit", null, null).status()).as("only charges and refunds").isEqualTo(200);
    simulator.close();
    simulator = start(new FaultPlan(0, 0, 1, 10));
    assertThat(charge(key(), 1_000, "tok_visa").status()).isEqualTo(201);
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("fault rates error=0.0 drop=0.0 slow=1.0 (10 ms)");
  }

  @Test
  void theStateSurvivesARestartOnTheDataDirectory() throws Exception {
    String chargeKey = key();
    Answer charged = charge(chargeKey, 1_000, "tok_refund_flaky_1");
    String refundKey = key();
    assertThat(refund(refundKey, chargeKey, 300).status()).isEqualTo(503);
    Answer refunded = refund(refundKey, chargeKey, 300);
    String voided = key();
    refund(key(), voided, 5);
    simulator.close();

    simulator = start(FaultPlan.none());
    assertThat(output.toString(StandardCharsets.UTF_8)).contains("3 journal records replayed");
    assertThat(charge(chargeKey, 1_000, "tok_refund_flaky_1").raw().body()).isEqualTo(charged.raw().body());
    assertThat(refund(refundKey, chargeKey, 300).raw().body()).isEqualTo(refunded.raw().body());
    String tooMuch = key();
    assertThat(refund(tooMuch, chargeKey, 701).status()).as("tok_refund_flaky_1: a new key's first attempt").isEqualTo(503);
    assertThat(refund(tooMuch, chargeKey, 701).code()).isEqualTo("amount_too_large");
    assertThat(charge(voided, 5, "tok_visa").code()).isEqualTo("charge_voided");
    assertThat(simulator.state().charge(chargeKey)).get().extracting(SimulatorState.Charge::refundMode)
        .isEqualTo("flaky:1");
    assertThat(simulator.state().refunded(chargeKey)).isEqualTo(300);
  }

  @Test
  void aStateInMemoryCountsDoubleChargesAndOverRefunds() {
    SimulatorState state = SimulatorState.inMemory(json);
    assertThat(state.journal()).isEmpty();
    for (String key : List.of("a", "b")) {
      var record = json.createObjectNode().put("endpoint", "charges").put("key", key).put("fingerprint", "f")
          .put("status", 201).put("body", "{}");
      record.putObject("charge").put("id", "ch_" + key).put("amount", 10).put("currency", "CNY")
          .put("payment_no", "p1");
      state.record(record);
    }
    var refund = json.createObjectNode().put("endpoint", "refunds").put("key", "r").put("fingerprint", "f")
        .put("status", 201).put("body", "{}");
    refund.putObject("refund").put("id", "re_1").put("charge", "ch_a").put("charge_idempotency_key", "a").put("amount", 11);
    state.record(refund);
    JsonNode summary = state.audit().path("summary");
    assertThat(summary.path("double_charged_payments").asInt()).isEqualTo(1);
    assertThat(summary.path("over_refunded_charges").asInt()).isEqualTo(1);
  }
}
