package org.paysaga.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import org.paysaga.worker.testing.WorkerProcess;

/**
 * The real jar in the local profile, as a user starts it: {@code java -jar worker-app.jar
 * --spring.profiles.active=local}, on free ports (TEMPORAL_ADDRESS, REDIS_URL,
 * MANAGEMENT_SERVER_PORT), driven by a client in this JVM, stopped with SIGTERM.
 */
class WorkerJarIT {
  private static final Duration START = Duration.ofSeconds(90);
  private static final String READY = "Payment saga worker ready";

  @ParameterizedTest(name = "on the {0}")
  @ValueSource(strings = {"dev-server", "test-server"})
  void localProfileRunsASagaOnItsOwnServersAndExitsCleanlyOnSigterm(String engine) throws Exception {
    if (engine.equals("dev-server") && System.getenv("CI") == null) {
      assumeThat(WorkerProcess.temporalCliInstalled()).as("no temporal CLI: scripts/temporal.sh install builds it")
          .isTrue();
    }
    int temporalPort = freePort();
    int redisPort = freePort();
    int managementPort = freePort();
    String temporal = "127.0.0.1:" + temporalPort;
    String redis = "redis://127.0.0.1:" + redisPort;
    try (WorkerProcess worker = WorkerProcess.start(Map.of(
        "TEMPORAL_ADDRESS", temporal, "REDIS_URL", redis, "MANAGEMENT_SERVER_PORT", String.valueOf(managementPort),
        "SAGA_LOCAL_ENGINE", engine), "--spring.profiles.active=local")) {
      worker.awaitLine(READY, START);
      assertThat(worker.log())
          .contains(engine.equals("dev-server") ? "Temporal: started the Temporal dev server" : "Temporal: started Temporal's Java test server on " + temporal)
          .contains(engine.equals("dev-server") ? "Temporal UI  http://127.0.0.1:" + (temporalPort + 1000)
              : "Temporal UI  none: Temporal's Java test server has no UI")
          .contains("Redis: started the embedded redis-server on 127.0.0.1:" + redisPort)
          .contains("Health       http://127.0.0.1:" + managementPort + "/actuator/health")
          .contains("Metrics      http://127.0.0.1:" + managementPort + "/actuator/prometheus")
          .contains("Try next     java -jar starter-cli/target/saga-cli.jar --temporal-address " + temporal
              + " --redis-url " + redis + " demo")
          .doesNotContain(":: Spring Boot ::");
      assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);

      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
      try {
        PaymentSagaClient payments = new PaymentSagaClient(WorkflowClient.newInstance(stubs));
        PaymentRequest visa = TestPayments.withCard(SandboxMagicValues.CARD_OK);
        assertThat(payments.pay(visa, Duration.ofSeconds(60)).status()).isEqualTo(SagaStatus.COMPLETED);

        // SIGTERM while a charge runs (tok_slow_3: 3 s): the worker stops polling, lets the charge
        // finish, and exits 0.
        PaymentRequest slow = TestPayments.withCard(SandboxMagicValues.slowCard(3));
        String sagaId = payments.start(slow).sagaId();
        worker.awaitLine("saga=" + sagaId + " step=CreateOrder attempt=1 outcome=", Duration.ofSeconds(30));
        Thread.sleep(500);
        long signalled = System.nanoTime();
        int exit = worker.terminate(Duration.ofSeconds(60));
        assertThat(exit).as(worker.log()).isZero();
        int shuttingDown = worker.indexOf("Shutting down: workers stop polling");
        int charged = worker.indexOf("saga=" + sagaId + " step=CallPaymentChannel attempt=1 outcome=");
        int stopped = worker.indexOf("Workers stopped cleanly");
        assertThat(shuttingDown).as(worker.log()).isNotNegative();
        assertThat(charged).as("the running charge finished after SIGTERM:\n" + worker.log()).isGreaterThan(shuttingDown);
        assertThat(stopped).as(worker.log()).isGreaterThan(charged);
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(30));
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  @Test
  void localProfileUsesServersAlreadyRunningAndLosesNothingAcrossARestart() throws Exception {
    int temporalPort = freePort();
    int managementPort = freePort();
    String temporal = "127.0.0.1:" + temporalPort;
    RedisTestServer redisServer = RedisTestServer.get();
    TestServer.PortBoundTestServer temporalServer = TestServer.createPortBoundServer(temporalPort);
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
    Map<String, String> env = Map.of("TEMPORAL_ADDRESS", temporal, "REDIS_URL", redisServer.redisUri(),
        "MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      PaymentSagaClient payments = new PaymentSagaClient(client);
      PaymentRequest slow = TestPayments.withCard(SandboxMagicValues.slowCard(3));
      String sagaId;
      try (WorkerProcess first = WorkerProcess.start(env, "--spring.profiles.active=local")) {
        first.awaitLine(READY, START);
        assertThat(first.log())
            .contains("Temporal: Temporal's Java test server already answers at " + temporal + "; using it")
            .contains("Redis: a Redis already answers at");
        sagaId = payments.start(slow).sagaId();
        first.awaitLine("saga=" + sagaId + " step=CreateOrder attempt=1 outcome=", Duration.ofSeconds(30));
        Thread.sleep(500);
        assertThat(first.terminate(Duration.ofSeconds(60))).as(first.log()).isZero();
        assertThat(first.indexOf("saga=" + sagaId + " step=CallPaymentChannel attempt=1 outcome=")).isPositive();
      }
      // Nobody polls: the saga waits in Temporal for the next worker (no worker answers a query now).
      assertThat(client.newUntypedWorkflowStub(sagaId).describe().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

      try (WorkerProcess second = WorkerProcess.start(env, "--spring.profiles.active=local")) {
        second.awaitLine(READY, START);
        assertThat(payments.await(sagaId, Duration.ofSeconds(60)).status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(second.terminate(Duration.ofSeconds(60))).as(second.log()).isZero();
      }
      PaymentAudit audit = new SandboxPaymentServices(redisServer.commands()).audit(sagaId);
      assertThat(audit.chargedExactlyOnce()).as(audit.toString()).isTrue();
      assertThat(audit.isCompletedCleanly(slow.amountMinor())).as(audit.toString()).isTrue();
    } finally {
      stubs.shutdownNow();
      temporalServer.close();
    }
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
