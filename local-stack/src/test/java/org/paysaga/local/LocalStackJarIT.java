package org.paysaga.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import org.paysaga.codec.Keyring;
import org.paysaga.codec.SagaDataConverter;
import org.paysaga.testsupport.TestPayloadKeys;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.WorkerApp;
import org.paysaga.worker.testing.GracefulStop;

/**
 * The real launcher as a user starts it: {@code java -jar saga-local.jar}, on free ports (TEMPORAL_ADDRESS, REDIS_URL,
 * MANAGEMENT_SERVER_PORT), driven by a client in this JVM, stopped with SIGTERM.
 */
class LocalStackJarIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final String READY = "Payment saga worker ready";

  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"dev-server", "test-server"})
  void runsASagaOnItsOwnServersAndStopsThemOnSigterm(String engine) throws Exception {
    boolean devServer = engine.equals("dev-server");
    if (devServer && System.getenv("CI") == null) {
      assumeThat(TemporalCli.locate(null, System.getenv())).as("no temporal CLI: scripts/temporal.sh install builds it")
          .isPresent();
    }
    int[] ports = FreePorts.distinct(2);
    int temporalPort = ports[0];
    int redisPort = ports[1];
    String temporal = "127.0.0.1:" + temporalPort;
    String redis = "redis://127.0.0.1:" + redisPort;
    try (WorkerApp app = WorkerApp.named("local-" + engine).localStack().temporal(temporal).redis(redis)
        .settings(Map.of("SAGA_LOCAL_ENGINE", engine)).build()) {
      ManagedProcess worker = app.process().start();
      int managementPort = app.managementPort();
      worker.awaitLine(READY, START);
      worker.awaitLine("Local stack (stops with this process)", Duration.ofSeconds(5));
      assertThat(worker.log().text())
          .contains(devServer ? "Temporal: started the Temporal dev server" : "Temporal: started Temporal's Java test server on " + temporal)
          .contains("Redis: started the embedded redis-server on 127.0.0.1:" + redisPort)
          .contains("(profile local)")
          .contains("Health       http://127.0.0.1:" + managementPort + "/actuator/health")
          .contains("Metrics      http://127.0.0.1:" + managementPort + "/actuator/prometheus")
          .contains("Try next     java -jar starter-cli/target/saga-cli.jar --temporal-address " + temporal
              + " --redis-url " + redis + " demo")
          .contains("  Temporal     " + temporal + (devServer ? " (Temporal dev server started by this worker, SQLite "
              : " (embedded in this process, in memory)"))
          .contains("  Redis        redis://127.0.0.1:" + redisPort + " (embedded in this process, ")
          .contains(devServer ? "  Temporal UI  http://127.0.0.1:" + (temporalPort + 1000)
              : "  Temporal UI  none: Temporal's Java test server has no UI")
          .doesNotContain(":: Spring Boot ::");
      if (devServer) {
        assertThat(worker.log().text()).doesNotContain("Sticky execution off");
      } else {
        assertThat(worker.log().text()).contains("Sticky execution off (saga.sticky-execution=false)");
      }
      assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);

      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
      RedisClient redisClient = RedisClient.create(redis);
      try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
        PaymentSagaClient payments = new PaymentSagaClient(encryptingClient(stubs));
        PaymentRequest visa = TestPayments.withCard(SandboxMagicValues.CARD_OK);
        assertThat(payments.pay(visa, Duration.ofSeconds(60)).status()).isEqualTo(SagaStatus.COMPLETED);
        // The stack stops after the workers: the charge that runs through SIGTERM still finds Redis.
        GracefulStop.sigtermWhileAChargeRuns(worker, payments, new SandboxPaymentServices(connection.sync()));
      } finally {
        redisClient.shutdown();
        stubs.shutdownNow();
      }
    }
    // Its servers went with it.
    assertThat(EndpointProbe.listening("127.0.0.1", temporalPort)).as("Temporal stopped").isFalse();
    assertThat(EndpointProbe.listening("127.0.0.1", redisPort)).as("Redis stopped").isFalse();
  }

  @Test
  void usesServersAlreadyRunningAndLosesNothingAcrossARestart() throws Exception {
    int temporalPort = FreePorts.free();
    String temporal = "127.0.0.1:" + temporalPort;
    RedisTestServer redisServer = RedisTestServer.get();
    TestServer.PortBoundTestServer temporalServer = TestServer.createPortBoundServer(temporalPort);
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
    SandboxPaymentServices sandbox = new SandboxPaymentServices(redisServer.commands());
    try {
      WorkflowClient client = encryptingClient(stubs);
      PaymentSagaClient payments = new PaymentSagaClient(client);
      PaymentRequest slow = TestPayments.withCard(SandboxMagicValues.slowCard(3));
      String sagaId;
      try (WorkerApp firstApp = onServersAlreadyRunning("first", temporal, redisServer)) {
        ManagedProcess first = firstApp.process().start();
        first.awaitLine(READY, START);
        assertThat(first.log().text())
            .contains("Temporal: Temporal's Java test server already answers at " + temporal + "; using it")
            .contains("Redis: a Redis already answers at")
            // Found there, not started: sticky execution goes off all the same (the restart below needs it).
            .contains("Sticky execution off (saga.sticky-execution=false)");
        sagaId = payments.start(slow).sagaId();
        TestPayments.awaitAttempt(sandbox, sagaId, "CallPaymentChannel");
        assertThat(first.stop(Duration.ofSeconds(60))).as(first.log().text()).isZero();
        assertThat(first.log().indexOf("saga=" + sagaId + " step=CallPaymentChannel attempt=1 reference=")).isPositive();
      }
      // Nobody polls: the saga waits in Temporal for the next worker (no worker answers a query now).
      assertThat(client.newUntypedWorkflowStub(sagaId).describe().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

      try (WorkerApp secondApp = onServersAlreadyRunning("second", temporal, redisServer)) {
        ManagedProcess second = secondApp.process().start();
        second.awaitLine(READY, START);
        assertThat(payments.await(sagaId, Duration.ofSeconds(60)).status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(second.stop(Duration.ofSeconds(60))).as(second.log().text()).isZero();
      }
      PaymentAudit audit = sandbox.audit(sagaId);
      assertThat(audit.chargedExactlyOnce()).as(audit.toString()).isTrue();
      assertThat(audit.isCompletedCleanly(slow.amountMinor())).as(audit.toString()).isTrue();
    } finally {
      stubs.shutdownNow();
      temporalServer.close();
    }
  }

  /** A client with the payload key test-support's WorkerApp hands the worker (the stack keeps a configured key). */
  private static WorkflowClient encryptingClient(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setDataConverter(SagaDataConverter.encrypting(Keyring.parse(TestPayloadKeys.KEYS, TestPayloadKeys.VARIABLE)))
        .build());
  }

  private static WorkerApp onServersAlreadyRunning(String name, String temporal, RedisTestServer redis) {
    return WorkerApp.named("local-" + name).localStack().temporal(temporal).redis(redis.redisUri()).build();
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
