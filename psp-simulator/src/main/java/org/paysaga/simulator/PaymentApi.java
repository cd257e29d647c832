package org.paysaga.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.paysaga.simulator.FaultPlan.Fault;
import org.paysaga.simulator.FaultPlan.Kind;
import org.paysaga.simulator.SimulatorState.Charge;
import org.paysaga.simulator.SimulatorState.StoredResponse;

/** The REST API of docs/payment-provider-api.md over the {@link SimulatorState}. */
final class PaymentApi implements HttpHandler {
  static final String CHARGES = "charges";
  static final String REFUNDS = "refunds";

  /** An answer; {@code replayed} when it is the recorded answer of an earlier request on the key. */
  record Reply(int status, String body, boolean replayed) {}

  private final ObjectMapper json;
  private final SimulatorState state;
  private final FaultPlan faults;
  private final String apiKey;
  private final PrintStream log;
  /** Endpoint and key of the requests being worked on: a second one at once gets 409 in use. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  /** Attempts per endpoint and key, for tok_flaky_n and tok_refund_flaky_n (not kept across restarts). */
  private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
  /** One lock a charge key: its charge, its refunds and its voiding happen one at a time. */
  private final Map<String, Object> chargeLocks = new ConcurrentHashMap<>();

  PaymentApi(ObjectMapper json, SimulatorState state, FaultPlan faults, String apiKey, PrintStream log) {
    this.json = json;
    this.state = state;
    this.faults = faults;
    this.apiKey = apiKey;
    this.log = log;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    try {
      Fault fault = Fault.NONE;
      Reply reply;
      if (!path.equals("/health") && !authorized(exchange)) {
        reply = error(401, "authentication_error", "unauthorized", "missing or wrong API key (Authorization: Bearer <key>)");
      } else if (method.equals("POST") && (path.equals("/v1/charges") || path.equals("/v1/refunds"))) {
        String header = exchange.getRequestHeaders().getFirst(FaultPlan.HEADER);
        try {
          fault = faults.decide(header);
        } catch (IllegalArgumentException e) {
          fault = null;
        }
        reply = fault == null ? error(400, "invalid_request_error", "invalid_fault", FaultPlan.HEADER
            + " must be error, drop, none or slow:<ms>") : faulted(exchange, path, fault);
        fault = fault == null ? Fault.NONE : fault;
      } else {
        reply = route(exchange, method, path);
      }
      if (fault.kind() == Kind.DROP) {
        log("%s %s -> %d, dropped (no answer sent)", method, path, reply.status());
        exchange.close(); // no response headers sent: the connection is closed without an answer
        return;
      }
      send(exchange, reply);
      log("%s %s -> %d%s", method, path, reply.status(), reply.replayed() ? " (replayed)" : "");
    } catch (RuntimeException e) {
      log("%s %s -> 500 %s", method, path, e);
      send(exchange, error(500, "api_error", "internal_error", "the simulator failed: " + e.getClass().getSimpleName()));
    } finally {
      exchange.close();
    }
  }

  private Reply faulted(HttpExchange exchange, String path, Fault fault) throws IOException {
    if (fault.kind() == Kind.ERROR) {
      return error(503, "api_error", "service_unavailable", "simulated fault: the provider is unavailable");
    }
    if (fault.kind() == Kind.SLOW) {
      sleep(fault.delayMs());
    }
    return path.equals("/v1/charges") ? charge(exchange) : refund(exchange);
  }

  private Reply route(HttpExchange exchange, String method, String path) {
    boolean get = method.equals("GET");
    switch (path) {
      case "/health":
        return get ? ok(200, json.createObjectNode().put("status", "UP")) : notAllowed(method, path);
      case "/v1/charges":
        return get ? findCharges(exchange) : notAllowed(method, path);
      case "/v1/audit":
        return get ? ok(200, state.audit()) : notAllowed(method, path);
      case "/v1/refunds":
        return notAllowed(method, path);
      default:
        return error(404, "invalid_request_error", "resource_missing", "no such endpoint: " + path);
    }
  }

  private Reply charge(HttpExchange exchange) throws IOException {
    String key = idempotencyKey(exchange);
    if (key == null) {
      return missingKey();
    }
    JsonNode body = body(exchange);
    if (body == null) {
      return invalidJson();
    }
    long amount = body.path("amount").isIntegralNumber() ? body.path("amount").asLong() : -1;
    String currency = body.path("currency").asText("");
    String source = body.path("source").asText("");
    String merchant = body.path("merchant").isTextual() ? body.path("merchant").asText() : null;
    String paymentNo = body.path("payment_no").isTextual() ? body.path("payment_no").asText() : null;
    if (amount <= 0) {
      return invalidParameter("amount", "amount must be a positive whole number of minor units");
    }
    if (!currency.matches("[A-Za-z]{3}")) {
      return invalidParameter("currency", "currency must be a 3-letter ISO 4217 code");
    }
    if (source.isBlank()) {
      return invalidParameter("source", "source (the card token) is required");
    }
    String fingerprint = fingerprint(amount, currency, source, merchant, paymentNo);
    String slot = SimulatorState.slot(CHARGES, key);
    if (!inFlight.add(slot)) {
      return keyInUse();
    }
    try {
      StoredResponse earlier = state.response(CHARGES, key);
      if (earlier != null) {
        return replay(earlier, fingerprint);
      }
      int attempt = attempts.merge(slot, 1, Integer::sum);
      int failures = CardTokens.chargeFailures(source);
      if (attempt <= failures) {
        return error(503, "api_error", "processor_unavailable",
            "simulated: the card processor is unavailable (attempt " + attempt + " of " + failures + " failing)");
      }
      sleep(CardTokens.chargeSeconds(source) * 1_000L);
      synchronized (chargeLock(key)) {
        if (state.isVoided(key)) {
          return error(409, "invalid_request_error", "charge_voided",
              "this idempotency key was voided by a refund of a charge never made: it cannot charge");
        }
        ObjectNode record = record(CHARGES, key, fingerprint);
        Reply reply;
        if (CardTokens.declines(source)) {
          reply = error(402, "card_error", "card_declined", "Your card was declined.");
        } else {
          Charge charge = new Charge("ch_" + id(), key, amount, currency.toUpperCase(java.util.Locale.ROOT),
              merchant, paymentNo, CardTokens.mask(source), CardTokens.refundMode(source), System.currentTimeMillis());
          ObjectNode chargeNode = record.putObject("charge");
          chargeNode.put("id", charge.id());
          chargeNode.put("amount", charge.amount());
          chargeNode.put("currency", charge.currency());
          chargeNode.put("merchant", charge.merchant());
          chargeNode.put("payment_no", charge.paymentNo());
          chargeNode.put("source_mask", charge.sourceMask());
          chargeNode.put("refund_mode", charge.refundMode());
          chargeNode.put("created", charge.created());
          reply = ok(201, state.chargeJson(charge));
        }
        log("charge %s of %d %s from %s -> %d", key, amount, currency, CardTokens.mask(source), reply.status());
        state.record(record.put("status", reply.status()).put("body", reply.body()));
        return reply;
      }
    } finally {
      inFlight.remove(slot);
    }
  }

  private Reply refund(HttpExchange exchange) throws IOException {
    String key = idempotencyKey(exchange);
    if (key == null) {
      return missingKey();
    }
    JsonNode body = body(exchange);
    if (body == null) {
      return invalidJson();
    }
    String chargeKey = body.path("charge_idempotency_key").asText("");
    long amount = body.path("amount").isIntegralNumber() ? body.path("amount").asLong() : -1;
    if (chargeKey.isBlank()) {
      return invalidParameter("charge_idempotency_key", "charge_idempotency_key (the charge's Idempotency-Key) is required");
    }
    if (amount <= 0) {
      return invalidParameter("amount", "amount must be a positive whole number of minor units");
    }
    String fingerprint = fingerprint(chargeKey, amount);
    String slot = SimulatorState.slot(REFUNDS, key);
    if (!inFlight.add(slot)) {
      return keyInUse();
    }
    try {
      StoredResponse earlier = state.response(REFUNDS, key);
      if (earlier != null) {
        return replay(earlier, fingerprint);
      }
      synchronized (chargeLock(chargeKey)) {
        ObjectNode record = record(REFUNDS, key, fingerprint);
        Optional<Charge> found = state.charge(chargeKey);
        Reply reply;
        if (found.isEmpty()) {
          // Refunding a charge never made voids its key: a charge arriving late is refused.
          reply = error(404, "invalid_request_error", "no_such_charge",
              "no charge under this idempotency key; the key is void from now on");
          record.put("void", chargeKey);
        } else {
          Charge charge = found.get();
          int attempt = attempts.merge(slot, 1, Integer::sum);
          if (charge.refundMode().equals("fail") || attempt <= CardTokens.refundFailures(charge.refundMode())) {
            return error(503, "api_error", "refund_unavailable", "simulated: refunds of this card are unavailable");
          }
          long left = charge.amount() - state.refunded(chargeKey);
          if (charge.refundMode().equals("refused")) {
            reply = error(402, "card_error", "refund_refused", "the card's issuer refuses refunds of this charge");
          } else if (amount > left) {
            reply = error(400, "invalid_request_error", "amount_too_large",
                "refund of " + amount + " is more than the " + left + " left of charge " + charge.id());
          } else {
            SimulatorState.Refund refund = new SimulatorState.Refund("re_" + id(), key, charge.id(), chargeKey, amount,
                System.currentTimeMillis());
            ObjectNode refundNode = record.putObject("refund");
            refundNode.put("id", refund.id());
            refundNode.put("charge", refund.chargeId());
            refundNode.put("charge_idempotency_key", chargeKey);
            refundNode.put("amount", amount);
            refundNode.put("created", refund.created());
            reply = ok(201, state.refundJson(refund));
          }
        }
        log("refund %s of %d from charge key %s -> %d", key, amount, chargeKey, reply.status());
        state.record(record.put("status", reply.status()).put("body", reply.body()));
        return reply;
      }
    } finally {
      inFlight.remove(slot);
    }
  }

  private Reply findCharges(HttpExchange exchange) {
    String key = query(exchange).get("idempotency_key");
    if (key == null || key.isBlank()) {
      return invalidParameter("idempotency_key", "the query parameter idempotency_key is required");
    }
    ObjectNode list = json.createObjectNode().put("object", "list");
    var data = list.putArray("data");
    state.charge(key).ifPresent(charge -> data.add(state.chargeJson(charge)));
    return ok(200, list);
  }

  private boolean authorized(HttpExchange exchange) {
    if (apiKey == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null && MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8),
        ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8));
  }

  private Reply replay(StoredResponse earlier, String fingerprint) {
    if (!earlier.fingerprint().equals(fingerprint)) {
      return error(422, "idempotency_error", "idempotency_key_reused",
          "this idempotency key was used before with other parameters");
    }
    return new Reply(earlier.status(), earlier.body(), true);
  }

  private ObjectNode record(String endpoint, String key, String fingerprint) {
    return json.createObjectNode().put("endpoint", endpoint).put("key", key).put("fingerprint", fingerprint);
  }

  private Object chargeLock(String chargeKey) {
    return chargeLocks.computeIfAbsent(chargeKey, k -> new Object());
  }

  private static String idempotencyKey(HttpExchange exchange) {
    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
    return key == null || key.isBlank() ? null : key.trim();
  }

  private JsonNode body(HttpExchange exchange) throws IOException {
    byte[] bytes = exchange.getRequestBody().readAllBytes();
    try {
      JsonNode node = json.readTree(bytes);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    String raw = exchange.getRequestURI().getRawQuery();
    Map<String, String> params = new java.util.HashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        String[] parts = pair.split("=", 2);
        params.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
            parts.length == 2 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
      }
    }
    return params;
  }

  private String fingerprint(Object... parameters) {
    try {
      byte[] canonical = json.writeValueAsBytes(java.util.Arrays.asList(parameters));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot fingerprint a request", e);
    }
  }

  private Reply ok(int status, JsonNode body) {
    return new Reply(status, write(body), false);
  }

  private Reply error(int status, String type, String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("type", type).put("code", code).put("message", message);
    return new Reply(status, write(body), false);
  }

  private Reply missingKey() {
    return error(400, "invalid_request_error", "missing_idempotency_key", "the Idempotency-Key header is required");
  }

  private Reply invalidJson() {
    return error(400, "invalid_request_error", "invalid_json", "the body must be a JSON object");
  }

  private Reply invalidParameter(String parameter, String message) {
    return error(400, "invalid_request_error", "parameter_invalid", parameter + ": " + message);
  }

  private Reply keyInUse() {
    return error(409, "idempotency_error", "idempotency_key_in_use",
        "a request on this idempotency key is in progress: retry later");
  }

  private Reply notAllowed(String method, String path) {
    return error(405, "invalid_request_error", "method_not_allowed", method + " is not allowed on " + path);
  }

  private String write(JsonNode body) {
    try {
      return json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void send(HttpExchange exchange, Reply reply) throws IOException {
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
    if (reply.replayed()) {
      exchange.getResponseHeaders().put("Idempotent-Replayed", List.of("true"));
    }
    exchange.sendResponseHeaders(reply.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private static String id() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
  }

  private static void sleep(long millis) {
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private void log(String format, Object... arguments) {
    log.println(String.format(format, arguments));
  }
}
