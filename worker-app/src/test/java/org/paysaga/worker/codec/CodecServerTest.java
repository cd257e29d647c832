package org.paysaga.worker.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.testserver.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.paysaga.codec.AesGcmPayloadCodec;
import org.paysaga.codec.EncryptionKey;
import org.paysaga.codec.Keyring;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.TestPayloadKeys;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The codec server over real HTTP on the app's port, called as the Temporal UI and
 * {@code temporal --codec-endpoint} call it: {@code {"payloads": [...]}} in protobuf JSON, the
 * operator token as a bearer header or as the path segment, CORS for the UI's origin only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class CodecServerTest {
  private static final int[] PORTS = FreePorts.distinct(2);
  private static final int TEMPORAL_PORT = PORTS[0];
  private static final int PORT = PORTS[1];
  private static final TestServer.PortBoundTestServer TEMPORAL = TestServer.createPortBoundServer(TEMPORAL_PORT);
  private static final String TOKEN = "codec-test-operator-token";
  private static final String UI = "http://temporal-ui.example.test:8233";
  private static final String PLAINTEXT = "{\"cardToken\":\"tok_4111111111111111\"}";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.temporal.connection.target", () -> "127.0.0.1:" + TEMPORAL_PORT);
    registry.add("saga.redis.url", () -> RedisTestServer.get().redisUri());
    registry.add("server.port", () -> PORT);
    registry.add("management.server.port", () -> PORT);
    registry.add("saga.task-queue", () -> "payment-saga-codec-test");
    registry.add("saga.codec.keys", () -> TestPayloadKeys.KEYS);
    // Two tokens: one being rotated out still works.
    registry.add("saga.access-tokens", () -> "old-token," + TOKEN);
    registry.add("saga.codec.server.allowed-origins", () -> UI + "/");
  }

  @AfterAll
  static void stopTemporal() {
    TEMPORAL.close();
  }

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void encodeThenDecodeRoundTripsAndTheEncodedPayloadNamesItsKeyAndHidesThePlaintext() throws Exception {
    Payload plain = jsonPayload(PLAINTEXT);
    HttpResponse<String> encoded = post("/codec/encode", bearer(TOKEN), body(plain));
    assertThat(encoded.statusCode()).as(encoded.body()).isEqualTo(200);
    assertThat(encoded.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    Payload sealed = payloads(encoded.body()).get(0);
    assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo(AesGcmPayloadCodec.ENCODING);
    assertThat(sealed.getMetadataOrThrow(AesGcmPayloadCodec.METADATA_KEY_ID).toStringUtf8()).isEqualTo("test-support");
    assertThat(sealed.getData().toStringUtf8()).doesNotContain("4111111111111111").doesNotContain("json/plain");
    assertThat(encoded.body()).doesNotContain(Base64.getEncoder().encodeToString(PLAINTEXT.getBytes(StandardCharsets.UTF_8)));

    // Decoded by the UI's path form, the token as the last segment: for people, the card token masked.
    Payload shown = jsonPayload("{\"cardToken\":\"tok_…1111\"}");
    HttpResponse<String> decoded = post("/codec/" + TOKEN + "/decode", List.of(), encoded.body());
    assertThat(decoded.statusCode()).as(decoded.body()).isEqualTo(200);
    assertThat(payloads(decoded.body())).containsExactly(shown);
    // And by the header form, with the older of the two tokens.
    assertThat(payloads(post("/codec/decode", bearer("old-token"), encoded.body()).body())).containsExactly(shown);
    // Nested and in arrays too; other JSON as it was.
    Payload nested = jsonPayload("{\"payment\":{\"cardToken\":\"tok_refund_fail\",\"amountMinor\":5},\"list\":[{\"cardToken\":\"tok_visa\"}]}");
    String sealedNested = post("/codec/encode", bearer(TOKEN), body(nested)).body();
    assertThat(payloads(post("/codec/decode", bearer(TOKEN), sealedNested).body())).containsExactly(jsonPayload(
        "{\"payment\":{\"cardToken\":\"tok_…fail\",\"amountMinor\":5},\"list\":[{\"cardToken\":\"tok_…\"}]}"));
  }

  @Test
  void withoutTheRightTokenItAnswers401() throws Exception {
    String body = body(jsonPayload(PLAINTEXT));
    for (String path : List.of("/codec/encode", "/codec/decode")) {
      assertThat(post(path, List.of(), body).statusCode()).as(path + " without a token").isEqualTo(401);
      assertThat(post(path, bearer("wrong-token"), body).statusCode()).as(path + " wrong token").isEqualTo(401);
      assertThat(post(path, List.of("Authorization", "Basic " + TOKEN), body).statusCode()).as(path + " basic").isEqualTo(401);
      assertThat(post(path, bearer(TOKEN), body).statusCode()).as(path + " right token").isEqualTo(200);
    }
    HttpResponse<String> wrongPath = post("/codec/wrong-token/decode", List.of(), body);
    assertThat(wrongPath.statusCode()).isEqualTo(401);
    assertThat(wrongPath.body()).contains("saga.access-tokens").doesNotContain(TOKEN);
    assertThat(wrongPath.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(post("/codec/" + TOKEN + "/encode", List.of(), body).statusCode()).isEqualTo(200);
    assertThat(post("/codec/" + TOKEN + "/decode", List.of(), body).statusCode()).isEqualTo(200);
  }

  @Test
  void corsPreflightIsAnsweredForTheTemporalUiOriginOnly() throws Exception {
    for (String path : List.of("/codec/decode", "/codec/" + TOKEN + "/decode", "/codec/encode")) {
      HttpResponse<String> ui = preflight(path, UI);
      assertThat(ui.statusCode()).as(path).isEqualTo(200);
      assertThat(ui.headers().firstValue("Access-Control-Allow-Origin")).as(path).contains(UI);
      assertThat(ui.headers().firstValue("Access-Control-Allow-Methods")).as(path)
          .hasValueSatisfying(m -> assertThat(m).contains("POST"));
      assertThat(ui.headers().firstValue("Access-Control-Allow-Headers")).as(path)
          .hasValueSatisfying(h -> assertThat(h.toLowerCase()).contains("content-type", "x-namespace", "authorization"));

      HttpResponse<String> other = preflight(path, "http://evil.example.test");
      assertThat(other.statusCode()).as(path).isEqualTo(403);
      assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).as(path).isEmpty();
    }
    // The actual request from the UI's origin carries the header too.
    HttpResponse<String> actual = post("/codec/" + TOKEN + "/decode", List.of("Origin", UI, "X-Namespace", "default"),
        body(jsonPayload(PLAINTEXT)));
    assertThat(actual.statusCode()).isEqualTo(200);
    assertThat(actual.headers().firstValue("Access-Control-Allow-Origin")).contains(UI);
  }

  @Test
  void aPayloadOfAKeyTheAppDoesNotHoldIs422NamingTheKeyId() throws Exception {
    Payload foreign = new AesGcmPayloadCodec(Keyring.of(EncryptionKey.generate("retired-2025")))
        .encode(List.of(jsonPayload(PLAINTEXT))).get(0);
    HttpResponse<String> response = post("/codec/decode", bearer(TOKEN), body(foreign));
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("'retired-2025'").contains("it holds test-support");
  }

  @Test
  void decodeLeavesAPlaintextPayloadAsItIs() throws Exception {
    Payload plain = jsonPayload("{\"paymentNo\":\"P1001\"}");
    Payload binaryNull = Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("binary/null")).build();
    HttpResponse<String> response = post("/codec/decode", bearer(TOKEN), body(plain, binaryNull, jsonPayload(PLAINTEXT)));
    assertThat(response.statusCode()).isEqualTo(200);
    // A history from before encryption shows its card token masked all the same.
    assertThat(payloads(response.body())).containsExactly(plain, binaryNull, jsonPayload("{\"cardToken\":\"tok_…1111\"}"));
  }

  @Test
  void aBodyThatIsNotPayloadsIs400() throws Exception {
    HttpResponse<String> response = post("/codec/decode", bearer(TOKEN), "{\"payloads\": 12");
    assertThat(response.statusCode()).isEqualTo(400);
  }

  // ------------------------------------------------------------------------------ helpers

  private static Payload jsonPayload(String json) {
    return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json)).build();
  }

  /** As the Temporal UI writes it: metadata values and data in base64. */
  private static String body(Payload... payloads) {
    StringBuilder json = new StringBuilder("{\"payloads\":[");
    Base64.Encoder b64 = Base64.getEncoder();
    for (int i = 0; i < payloads.length; i++) {
      json.append(i == 0 ? "" : ",").append("{\"metadata\":{");
      int j = 0;
      for (var m : payloads[i].getMetadataMap().entrySet()) {
        json.append(j++ == 0 ? "" : ",").append('"').append(m.getKey()).append("\":\"")
            .append(b64.encodeToString(m.getValue().toByteArray())).append('"');
      }
      json.append("}");
      if (!payloads[i].getData().isEmpty()) {
        json.append(",\"data\":\"").append(b64.encodeToString(payloads[i].getData().toByteArray())).append('"');
      }
      json.append("}");
    }
    return json.append("]}").toString();
  }

  private static List<Payload> payloads(String json) throws Exception {
    Payloads.Builder builder = Payloads.newBuilder();
    JsonFormat.parser().merge(json, builder);
    return builder.getPayloadsList();
  }

  private static List<String> bearer(String token) {
    return List.of("Authorization", "Bearer " + token);
  }

  private HttpResponse<String> post(String path, List<String> headers, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.size(); i += 2) {
      request.header(headers.get(i), headers.get(i + 1));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> preflight(String path, String origin) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
        .timeout(Duration.ofSeconds(10))
        .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-namespace,authorization")
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
