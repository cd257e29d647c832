package org.paysaga.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
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
import org.paysaga.worker.local.LocalStackTestSupport;

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
      assumeThat(LocalStackTestSupport.temporalCliFound()).as("no temporal CLI: scripts/temporal.sh install builds it")
          .isTrue();
    }
    int[] ports = FreePorts.distinct(2);
    int temporalPort = ports[0];
    int redisPort = ports[1];
    String temporal = "127.0.0.1:" + temporalPort;
    String redis = "redis://127.0.0.1:" + redisPort;
    try (WorkerApp app = WorkerApp.named("worker-" + engine).localProfile().temporal(temporal).redis(redis)
        .settings(Map.of("SAGA_LOCAL_ENGINE", engine)).build()) {
      ManagedProcess worker = app.process().start();
      int managementPort = app.managementPort();
      worker.awaitLine(READY, START);
      assertThat(worker.log().text())
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
      RedisClient redisClient = RedisClient.create(redis);
      try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
        PaymentSagaClient payments = new PaymentSagaClient(WorkflowClient.newInstance(stubs));
        PaymentRequest visa = TestPayments.withCard(SandboxMagicValues.CARD_OK);
        assertThat(payments.pay(visa, Duration.ofSeconds(60)).status()).isEqualTo(SagaStatus.COMPLETED);

        // SIGTERM while a charge runs (tok_slow_3: 3 s): the worker stops polling, lets the charge
        // finish, and exits 0.
        PaymentRequest slow = TestPayments.withCard(SandboxMagicValues.slowCard(3));
        String sagaId = payments.start(slow).sagaId();
        TestPayments.awaitAttempt(new SandboxPaymentServices(connection.sync()), sagaId, CALL_PAYMENT_CHANNEL);
        long signalled = System.nanoTime();
        int exit = worker.stop(Duration.ofSeconds(60));
        assertThat(exit).as(worker.log().text()).isZero();
        int shuttingDown = worker.log().indexOf("Shutting down: workers stop polling");
        int charged = worker.log().indexOf("saga=" + sagaId + " step=CallPaymentChannel attempt=1 outcome=");
        int stopped = worker.log().indexOf("Workers stopped cleanly");
        assertThat(shuttingDown).as(worker.log().text()).isNotNegative();
        assertThat(charged).as("the running charge finished after SIGTERM:\n" + worker.log().text())
            .isGreaterThan(shuttingDown);
        assertThat(stopped).as(worker.log().text()).isGreaterThan(charged);
        assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(30));
      } finally {
        redisClient.shutdown();
        stubs.shutdownNow();
      }
    }
  }

  @Test
  void localProfileUsesServersAlreadyRunningAndLosesNothingAcrossARestart() throws Exception {
    int temporalPort = FreePorts.free();
    String temporal = "127.0.0.1:" + temporalPort;
    RedisTestServer redisServer = RedisTestServer.get();
    SandboxPaymentServices sandbox = new SandboxPaymentServices(redisServer.commands());
    TestServer.PortBoundTestServer temporalServer = TestServer.createPortBoundServer(temporalPort);
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
    try {
      WorkflowClient client = WorkflowClient.newInstance(stubs);
      PaymentSagaClient payments = new PaymentSagaClient(client);
      PaymentRequest slow = TestPayments.withCard(SandboxMagicValues.slowCard(3));
      String sagaId;
      try (WorkerApp first = onServersAlreadyRunning("first", temporal, redisServer)) {
        ManagedProcess worker = first.process().start();
        worker.awaitLine(READY, START);
        assertThat(worker.log().text())
            .contains("Temporal: Temporal's Java test server already answers at " + temporal + "; using it")
            .contains("Redis: a Redis already answers at");
        sagaId = payments.start(slow).sagaId();
        TestPayments.awaitAttempt(sandbox, sagaId, CALL_PAYMENT_CHANNEL);
        assertThat(worker.stop(Duration.ofSeconds(60))).as(worker.log().text()).isZero();
        assertThat(worker.log().indexOf("saga=" + sagaId + " step=CallPaymentChannel attempt=1 outcome=")).isPositive();
      }
      // Nobody polls: the saga waits in Temporal for the next worker (no worker answers a query now).
      assertThat(client.newUntypedWorkflowStub(sagaId).describe().getStatus())
          .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);

      try (WorkerApp second = onServersAlreadyRunning("second", temporal, redisServer)) {
        ManagedProcess worker = second.process().start();
        worker.awaitLine(READY, START);
        assertThat(payments.await(sagaId, Duration.ofSeconds(60)).status()).isEqualTo(SagaStatus.COMPLETED);
        assertThat(worker.stop(Duration.ofSeconds(60))).as(worker.log().text()).isZero();
      }
      PaymentAudit audit = sandbox.audit(sagaId);
      assertThat(audit.chargedExactlyOnce()).as(audit.toString()).isTrue();
      assertThat(audit.isCompletedCleanly(slow.amountMinor())).as(audit.toString()).isTrue();
    } finally {
      stubs.shutdownNow();
      temporalServer.close();
    }
  }

  private static WorkerApp onServersAlreadyRunning(String name, String temporal, RedisTestServer redis) {
    return WorkerApp.named("worker-" + name).localProfile().temporal(temporal).redis(redis.redisUri()).build();
  }

  private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
