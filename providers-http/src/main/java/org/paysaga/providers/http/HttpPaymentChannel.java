package org.paysaga.providers.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;

/**
 * A {@link PaymentChannel} over a payment service provider's REST API with {@code Idempotency-Key}
 * (docs/payment-provider-api.md; psp-simulator implements it): {@code POST /v1/charges},
 * {@code POST /v1/refunds}, {@code GET /v1/charges?idempotency_key=}.
 *
 * <p>Failures: nothing sent (refused connection, connect timeout), 5xx, 429 and a key in use are
 * {@link ServiceUnavailableException}; no answer after the request went out (request timeout, a
 * connection closed or reset) is {@link OutcomeUnknownException}; the provider's refusals are
 * {@link ServiceRefusedException} with the saga's reasons ({@link Refusals}) where they have one,
 * else the provider's error code. Messages never carry the card token.
 */
public final class HttpPaymentChannel implements PaymentChannel {
  private static final String USER_AGENT = "paysaga-providers-http";

  private final HttpChannelOptions options;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();

  public HttpPaymentChannel(HttpChannelOptions options) {
    this.options = options;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(options.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  public HttpChannelOptions options() {
    return options;
  }

  @Override
  public String charge(String idempotencyKey, Payment payment) {
    requireKey(idempotencyKey);
    ObjectNode body = json.createObjectNode();
    body.put("amount", payment.amountMinor());
    body.put("currency", payment.currency());
    body.put("source", payment.cardToken());
    body.put("merchant", payment.merchantId());
    body.put("payment_no", payment.paymentNo());
    String call = "charge under key " + idempotencyKey;
    Answer answer = post("/v1/charges", idempotencyKey, body, call, payment);
    if (answer.status() / 100 == 2) {
      return id(answer, call);
    }
    throw failure(answer, call, payment);
  }

  @Override
  public Optional<String> refund(String idempotencyKey, String chargeKey, long amountMinor, Payment payment) {
    requireKey(idempotencyKey);
    requireKey(chargeKey);
    ObjectNode body = json.createObjectNode();
    body.put("charge_idempotency_key", chargeKey);
    body.put("amount", amountMinor);
    String call = "refund under key " + idempotencyKey + " of the charge under key " + chargeKey;
    Answer answer = post("/v1/refunds", idempotencyKey, body, call, payment);
    if (answer.status() / 100 == 2) {
      return Optional.of(id(answer, call));
    }
    if (answer.status() == 404 && "no_such_charge".equals(answer.code())) {
      return Optional.empty();
    }
    throw failure(answer, call, payment);
  }

  @Override
  public Optional<String> findCharge(String chargeKey) {
    requireKey(chargeKey);
    String call = "lookup of the charge under key " + chargeKey;
    URI uri = uri("/v1/charges?idempotency_key=" + URLEncoder.encode(chargeKey, StandardCharsets.UTF_8));
    Answer answer = read(request(uri).GET().build(), call);
    if (answer.status() != 200) {
      throw failure(answer, call, null);
    }
    JsonNode data = answer.body().path("data");
    if (!data.isArray()) {
      throw new ServiceUnavailableException(call + ": the provider's answer has no data list");
    }
    for (JsonNode charge : data) {
      if (chargeKey.equals(charge.path("idempotency_key").asText(chargeKey)) && charge.hasNonNull("id")) {
        return Optional.of(charge.get("id").asText());
      }
    }
    return Optional.empty();
  }

  /** {@code GET /health}: up when it answers 200. Never throws. */
  public ChannelHealth health() {
    long started = System.nanoTime();
    try {
      HttpRequest request = request(uri("/health")).GET().build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new ChannelHealth(response.statusCode() == 200, "HTTP " + response.statusCode() + " from "
          + options.baseUrl(), Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      return new ChannelHealth(false, options.baseUrl() + " does not answer: " + describe(e),
          Duration.ofNanos(System.nanoTime() - started));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new ChannelHealth(false, "interrupted", Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /** A POST that may act: past the sending, a lost answer is an unknown outcome. */
  private Answer post(String path, String idempotencyKey, ObjectNode body, String call, Payment payment) {
    HttpRequest request;
    try {
      request = request(uri(path))
          .header("Content-Type", "application/json")
          .header("Idempotency-Key", idempotencyKey)
          .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(call + ": cannot write the request", e);
    }
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return answer(response);
    } catch (HttpConnectTimeoutException e) {
      throw new ServiceUnavailableException(call + ": no connection to " + options.baseUrl() + " within "
          + options.connectTimeout().toMillis() + " ms", e);
    } catch (ConnectException e) {
      throw new ServiceUnavailableException(call + ": cannot connect to " + options.baseUrl() + " ("
          + describe(e) + ")", e);
    } catch (HttpTimeoutException e) {
      throw new OutcomeUnknownException(call + ": no answer within " + options.requestTimeout().toMillis()
          + " ms; the provider may have acted", e);
    } catch (IOException e) {
      throw new OutcomeUnknownException(call + ": the connection ended without an answer ("
          + redact(describe(e), payment) + "); the provider may have acted", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OutcomeUnknownException(call + ": interrupted while waiting for the answer", e);
    }
  }

  /** A GET: it changes nothing, so any failure to get the answer is for retrying. */
  private Answer read(HttpRequest request, String call) {
    try {
      return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
    } catch (IOException e) {
      throw new ServiceUnavailableException(call + ": no answer from " + options.baseUrl() + " (" + describe(e)
          + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException(call + ": interrupted", e);
    }
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .timeout(options.requestTimeout())
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT);
    options.apiKey().ifPresent(key -> builder.header("Authorization", "Bearer " + key));
    options.headers().forEach(builder::header);
    return builder;
  }

  private URI uri(String pathAndQuery) {
    return URI.create(options.baseUrl() + pathAndQuery);
  }

  private Answer answer(HttpResponse<String> response) {
    JsonNode body;
    try {
      body = response.body() == null || response.body().isBlank() ? json.missingNode() : json.readTree(response.body());
    } catch (JsonProcessingException e) {
      body = json.missingNode();
    }
    return new Answer(response.statusCode(), body);
  }

  private String id(Answer answer, String call) {
    JsonNode id = answer.body().get("id");
    if (id == null || !id.isTextual() || id.asText().isBlank()) {
      // It answered success: it acted, but what it made cannot be read. The saga settles it.
      throw new OutcomeUnknownException(call + ": HTTP " + answer.status() + " without an id", null);
    }
    return id.asText();
  }

  /** The exception an error answer maps to. */
  private RuntimeException failure(Answer answer, String call, Payment payment) {
    int status = answer.status();
    String code = answer.code();
    String message = call + ": HTTP " + status + (code != null ? " " + code : "")
        + (answer.message() != null ? ": " + redact(answer.message(), payment) : "");
    if (status >= 500 || status == 429 || (status == 409 && "idempotency_key_in_use".equals(code))) {
      return new ServiceUnavailableException(message);
    }
    if (status >= 400) {
      return new ServiceRefusedException(reason(status, code), message);
    }
    // A redirect or an informational answer to a call that may have acted: nobody can tell.
    return new OutcomeUnknownException(message + " (unexpected answer)", null);
  }

  private static String reason(int status, String code) {
    if (code == null) {
      return "http_" + status;
    }
    return switch (code) {
      case "card_declined" -> Refusals.CARD_DECLINED;
      case "refund_refused" -> Refusals.REFUND_REFUSED;
      case "amount_too_large" -> Refusals.REFUND_EXCEEDS_CHARGE;
      case "idempotency_key_reused" -> Refusals.KEY_REUSED;
      case "charge_voided" -> Refusals.ALREADY_COMPENSATED;
      default -> code;
    };
  }

  /** The card token never goes into a message, whatever the provider wrote. */
  private static String redact(String text, Payment payment) {
    if (text == null || payment == null || payment.cardToken() == null || payment.cardToken().isEmpty()) {
      return text;
    }
    return text.replace(payment.cardToken(), "(card token)");
  }

  private static String describe(IOException e) {
    return e.getMessage() != null ? e.getClass().getSimpleName() + ": " + e.getMessage() : e.getClass().getSimpleName();
  }

  private static void requireKey(String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("an idempotency key is required");
    }
  }

  /** A provider's answer: its status and its JSON body (missing when it had none or not JSON). */
  private record Answer(int status, JsonNode body) {
    String code() {
      JsonNode code = body.path("error").path("code");
      return code.isTextual() ? code.asText() : null;
    }

    String message() {
      JsonNode message = body.path("error").path("message");
      return message.isTextual() ? message.asText() : null;
    }
  }
}
