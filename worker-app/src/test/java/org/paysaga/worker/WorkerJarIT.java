package org.paysaga.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.paysaga.codec.Keyring;
import org.paysaga.codec.SagaDataConverter;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.ProjectJars;
import org.paysaga.testsupport.TestPayloadKeys;
import org.paysaga.testsupport.WorkerApp;
import org.paysaga.worker.testing.GracefulStop;

/**
 * The deployable jar ({@code target/worker-app.jar}, the image's) as production runs it: the
 * default profile, pointed at a Temporal and a Redis that run beside it (here Temporal's port-bound
 * Java test server and a redis-server, started by this test), stopped with SIGTERM; and what it
 * must not carry: no Temporal test server, no redis binaries (they live in local-stack's
 * saga-local.jar).
 */
class WorkerJarIT {
  private static final String READY = "Payment saga worker ready";
  private static final String OPERATOR_TOKEN = "jar-it-operator-token";

  @Test
  void theJarHoldsNoTemporalTestServerAndNoRedisBinaries() throws IOException {
    try (ZipFile jar = new ZipFile(ProjectJars.workerApp().toFile())) {
      List<String> entries = jar.stream().map(ZipEntry::getName).toList();
      assertThat(entries).contains("BOOT-INF/classes/org/paysaga/worker/WorkerApplication.class")
          .anyMatch(e -> e.startsWith("BOOT-INF/lib/temporal-sdk-"))
          .noneMatch(e -> e.contains("temporal-test-server") || e.contains("temporal-testing")
              || e.contains("embedded-redis") || e.contains("redis-server"))
          .noneMatch(e -> e.startsWith("BOOT-INF/classes/org/paysaga/local/")
              || e.startsWith("BOOT-INF/classes/org/paysaga/worker/local/")
              || e.equals("BOOT-INF/classes/application-local.yaml"));
    }
  }

  @Test
  void runsSagasOnTheServersItIsPointedAtAndStopsGracefullyOnSigterm() throws Exception {
    String temporal = "127.0.0.1:" + FreePorts.free();
    RedisTestServer redis = RedisTestServer.get();
    TestServer.PortBoundTestServer temporalServer =
        TestServer.createPortBoundServer(Integer.parseInt(temporal.substring(temporal.indexOf(':') + 1)));
    SagaSearchAttributes.register(temporal, "default");
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
    // Sticky execution off: what a worker of the default profile needs against the Java test server.
    // The launcher passes the tests' payload key (SAGA_CODEC_KEYS); the codec server, on by default,
    // needs an operator token.
    try (WorkerApp app = WorkerApp.named("worker-default").temporal(temporal).redis(redis.redisUri())
        .settings(Map.of("SAGA_STICKYEXECUTION", "false", "SAGA_ACCESSTOKENS", OPERATOR_TOKEN)).build()) {
      ManagedProcess worker = app.process().start();
      worker.awaitLine(READY, WorkerApp.STARTUP);
      assertThat(worker.log().text())
          .contains("(profile default)")
          .contains("Temporal     " + temporal + ", namespace default, task queue payment-saga")
          .contains("Encryption   payloads AES-256-GCM, keys test-support, encrypting with test-support; codec server http://localhost:"
              + app.managementPort() + "/codec (needs an operator access token")
          .doesNotContain(OPERATOR_TOKEN)
          .doesNotContain(TestPayloadKeys.KEYS.substring(TestPayloadKeys.KEYS.indexOf(':') + 1))
          .contains("Health       http://localhost:" + app.managementPort() + "/actuator/health")
          // It found no visibility there: no UI link that would lead nowhere.
          .contains("Temporal UI  none: Temporal's Java test server has no UI")
          .doesNotContain("Local stack")
          .doesNotContain(":: Spring Boot ::");
      HttpResponse<String> readiness = get(app.managementPort(), "/actuator/health/readiness", null);
      assertThat(readiness.statusCode()).isEqualTo(200);
      assertThat(readiness.body()).doesNotContain("\"components\"");
      assertThat(get(app.managementPort(), "/actuator/health/readiness", OPERATOR_TOKEN).body())
          .contains("\"temporal\":{", "\"redis\":{", "\"paymentServices\":{");

      // The app's workers read and write encrypted payloads: so must this client.
      PaymentSagaClient payments = new PaymentSagaClient(WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
          .setDataConverter(SagaDataConverter.encrypting(Keyring.parse(TestPayloadKeys.KEYS, "test"))).build()));
      assertThat(payments.pay(TestPayments.withCard(SandboxMagicValues.CARD_OK), Duration.ofSeconds(60)).status())
          .isEqualTo(SagaStatus.COMPLETED);
      GracefulStop.sigtermWhileAChargeRuns(worker, payments, new SandboxPaymentServices(redis.commands()));
    } finally {
      stubs.shutdownNow();
      temporalServer.close();
    }
  }

  private static HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
