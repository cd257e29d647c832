package org.paysaga.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.common.v1.Payload;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.paysaga.codec.AesGcmPayloadCodec;
import org.paysaga.codec.EncryptionKey;
import org.paysaga.codec.Keyring;
import org.paysaga.codec.SagaDataConverter;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.SagaWorkflow;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.TestPayloadKeys;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole app started the way main starts it ({@link SpringApplicationBuilder}, application.yaml)
 * with its payload-key settings: no key stops the start naming the settings, a codec server without
 * an operator token stops it naming {@code saga.access-tokens}, encryption turned off starts in
 * plaintext, and a key rotation (A, then A and B with B encrypting) keeps reading what A wrote.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayloadEncryptionStartupTest {
  private static final String TOKEN = "startup-test-operator-token";
  private final String temporal = "127.0.0.1:" + FreePorts.free();
  private TestServer.PortBoundTestServer temporalServer;
  private WorkflowServiceStubs stubs;

  @BeforeAll
  void startTemporal() {
    temporalServer = TestServer.createPortBoundServer(Integer.parseInt(temporal.substring(temporal.indexOf(':') + 1)));
    SagaSearchAttributes.register(temporal, "default");
    stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
  }

  @AfterAll
  void stopTemporal() {
    stubs.shutdownNow();
    temporalServer.close();
  }

  /** The app on the test's Temporal and Redis; {@code settings} as command-line arguments (they win). */
  private ConfigurableApplicationContext start(String... settings) {
    int port = FreePorts.free();
    List<String> args = new ArrayList<>(List.of("--spring.temporal.connection.target=" + temporal,
        "--saga.redis.url=" + RedisTestServer.get().redisUri(), "--management.server.port=" + port,
        "--saga.sticky-execution=false", "--saga.codec.keys=", "--saga.access-tokens="));
    args.addAll(List.of(settings));
    return new SpringApplicationBuilder(WorkerApplication.class).run(args.toArray(String[]::new));
  }

  @Test
  void encryptionOnAndNoKeyStopsTheStartNamingTheSettings() {
    assertThatThrownBy(() -> start("--saga.access-tokens=" + TOKEN).close())
        .hasStackTraceContaining("payloads are encrypted and no key is set")
        .hasStackTraceContaining("saga.codec.key-file (SAGA_CODEC_KEYFILE)")
        .hasStackTraceContaining("saga.codec.keys (SAGA_CODEC_KEYS)")
        .hasStackTraceContaining("turn encryption off explicitly with saga.codec.enabled=false (SAGA_CODEC_ENABLED=false)");
  }

  @Test
  void aBadKeyStopsTheStartWithoutEchoingIt() {
    assertThatThrownBy(() -> start("--saga.access-tokens=" + TOKEN, "--saga.codec.keys=k1:c2hvcnQ=").close())
        .hasStackTraceContaining("saga.codec.keys (SAGA_CODEC_KEYS): key k1 has 5 bytes")
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("c2hvcnQ="));
  }

  @Test
  void theCodecServerWithoutAnOperatorTokenStopsTheStartNamingTheSetting() {
    assertThatThrownBy(() -> start("--saga.codec.keys=" + TestPayloadKeys.KEYS).close())
        .hasStackTraceContaining("saga.access-tokens");
    // Turned off, it needs no token.
    try (ConfigurableApplicationContext context = start("--saga.codec.keys=" + TestPayloadKeys.KEYS,
        "--saga.codec.server.enabled=false")) {
      assertThat(context.getBeanNamesForType(org.paysaga.worker.codec.CodecServerController.class)).isEmpty();
      assertThat(context.getBean(StartupReport.class).report(Duration.ZERO, true))
          .contains("  Encryption   payloads AES-256-GCM, keys test-support, encrypting with test-support;"
              + " codec server off (saga.codec.server.enabled=false)");
    }
  }

  @Test
  void encryptionTurnedOffStartsInPlaintextWithoutKeyOrTokenOrCodecServer() throws Exception {
    try (ConfigurableApplicationContext context = start("--saga.codec.enabled=false")) {
      assertThat(context.getBean("mainDataConverter", DataConverter.class)).isSameAs(SagaDataConverter.plaintext());
      assertThat(context.getBeanNamesForType(org.paysaga.worker.codec.CodecServerController.class)).isEmpty();
      assertThat(context.getBean(StartupReport.class).report(Duration.ZERO, true))
          .contains("  Encryption   OFF: payloads go to Temporal in PLAINTEXT (saga.codec.enabled=false)");
      String port = context.getEnvironment().getProperty("local.server.port");
      HttpResponse<String> codec = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/codec/decode"))
              .header("Authorization", "Bearer " + TOKEN)
              .POST(HttpRequest.BodyPublishers.ofString("{\"payloads\":[]}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(codec.statusCode()).isEqualTo(404);

      // A saga runs, its input stored in plaintext.
      WorkflowClient client = client(SagaDataConverter.plaintext());
      PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);
      assertThat(new PaymentSagaClient(client).pay(request, Duration.ofSeconds(60)).status())
          .isEqualTo(SagaStatus.COMPLETED);
      Payload input = startInput(client, request);
      assertThat(input.getMetadataOrThrow(AesGcmPayloadCodec.METADATA_ENCODING).toStringUtf8()).isEqualTo("json/plain");
      assertThat(input.getData().toStringUtf8()).contains(request.paymentNo());
    }
  }

  @Test
  void aSagaWrittenUnderKeyAIsStillReadAfterARestartWithKeysAAndB() throws Exception {
    EncryptionKey a = EncryptionKey.generate("rotation-a");
    EncryptionKey b = EncryptionKey.generate("rotation-b");
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String taskQueue = "payment-saga-rotation";
    PaymentSagaClient.Options options = new PaymentSagaClient.Options(taskQueue, null);

    try (ConfigurableApplicationContext context = start("--saga.codec.keys=" + a.toKeyFileLine(),
        "--saga.access-tokens=" + TOKEN, "--saga.task-queue=" + taskQueue)) {
      PaymentSagaClient payments = new PaymentSagaClient(client(SagaDataConverter.encrypting(Keyring.of(a))), options);
      assertThat(payments.pay(request, Duration.ofSeconds(60)).status()).isEqualTo(SagaStatus.COMPLETED);
    }
    // In the history: encrypted under A, the card token nowhere in plaintext.
    Payload input = startInput(client(SagaDataConverter.plaintext()), request);
    assertThat(input.getMetadataOrThrow(AesGcmPayloadCodec.METADATA_ENCODING).toStringUtf8())
        .isEqualTo(AesGcmPayloadCodec.ENCODING);
    assertThat(input.getMetadataOrThrow(AesGcmPayloadCodec.METADATA_KEY_ID).toStringUtf8()).isEqualTo("rotation-a");
    assertThat(input.getData().toStringUtf8()).doesNotContain(request.paymentNo()).doesNotContain(request.cardToken());

    // Rotated: B encrypts, A still decrypts. A fresh worker replays A's history to answer the query,
    // and answers under B.
    try (ConfigurableApplicationContext context = start("--saga.codec.keys=" + a.toKeyFileLine() + "," + b.toKeyFileLine(),
        "--saga.access-tokens=" + TOKEN, "--saga.task-queue=" + taskQueue)) {
      String report = context.getBean(StartupReport.class).report(Duration.ZERO, true);
      assertThat(report).contains("keys rotation-a, rotation-b, encrypting with rotation-b; codec server http://")
          .contains("/codec (needs an operator access token")
          .doesNotContain(TOKEN).doesNotContain(a.toKeyFileLine().substring(11)).doesNotContain(b.toKeyFileLine().substring(11));

      WorkflowClient rotatedClient = client(SagaDataConverter.encrypting(Keyring.of(a, b)));
      PaymentSagaClient rotated = new PaymentSagaClient(rotatedClient, options);
      String sagaId = PaymentSagaClient.sagaId(request.paymentNo());
      assertThat(rotated.state(request.paymentNo()).status()).isEqualTo(SagaStatus.COMPLETED);
      assertThat(rotatedClient.newUntypedWorkflowStub(sagaId).query(SagaWorkflow.STATE_QUERY, SagaState.class).status())
          .isEqualTo(SagaStatus.COMPLETED);

      // A client that holds only A cannot read what B wrote (the query's answer), and says which key it lacks.
      WorkflowClient onlyA = client(SagaDataConverter.encrypting(Keyring.of(a)));
      assertThatThrownBy(() -> onlyA.newUntypedWorkflowStub(sagaId).query(SagaWorkflow.STATE_QUERY, SagaState.class))
          .hasStackTraceContaining("key ID 'rotation-b', which this keyring does not hold (it holds rotation-a)");

      // New sagas are written under B.
      PaymentRequest next = TestPayments.withCard(SandboxMagicValues.CARD_OK);
      assertThat(rotated.pay(next, Duration.ofSeconds(60)).status()).isEqualTo(SagaStatus.COMPLETED);
      assertThat(startInput(rotatedClient, next).getMetadataOrThrow(AesGcmPayloadCodec.METADATA_KEY_ID).toStringUtf8())
          .isEqualTo("rotation-b");
    }
  }

  private WorkflowClient client(DataConverter converter) {
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setDataConverter(converter).build());
  }

  private static Payload startInput(WorkflowClient client, PaymentRequest request) {
    return client.fetchHistory(PaymentSagaClient.sagaId(request.paymentNo())).getEvents().get(0)
        .getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0);
  }

  private static String stackTrace(Throwable e) {
    java.io.StringWriter out = new java.io.StringWriter();
    e.printStackTrace(new java.io.PrintWriter(out));
    return out.toString();
  }
}
