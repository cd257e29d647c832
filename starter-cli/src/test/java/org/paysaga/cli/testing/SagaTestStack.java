package org.paysaga.cli.testing;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import org.paysaga.codec.Keyring;
import org.paysaga.codec.SagaDataConverter;
import org.paysaga.testsupport.TestPayloadKeys;
import org.awaitility.Awaitility;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.dlq.DlqStore;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.wiring.SagaWorker;
import org.paysaga.wiring.SagaWorkerOptions;

/**
 * What the command tests run against, one per JVM: Temporal's test server bound to a loopback port
 * (the CLI connects to an address; real time, so retries take their 2/4/8 s), a real Redis, and a
 * worker with the saga workflows and the sandbox activities on a task queue of its own.
 */
public final class SagaTestStack {
  /**
   * Recovery gives up at once: a saga whose compensation gave up parks in the DLQ right away. Zero,
   * not a millisecond: a give-up window still open when recovery starts gets one last round at its
   * close, so with 1 ms whether that round ran hung on the workflow clock having moved on (a
   * tok_refund_flaky_4 saga then compensated instead of parking). The CLI reads the DLQ in the
   * default keyspace ({@code saga:{dlq}:*}), so the worker writes there.
   */
  private static final SagaSettings RECOVERY = new SagaSettings(Duration.ofSeconds(1), Duration.ZERO);
  private static volatile SagaTestStack instance;

  private final int temporalPort;
  private final TestServer.PortBoundTestServer server;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final WorkerFactory workers;
  private final String taskQueue = "cli-test-" + UUID.randomUUID().toString().substring(0, 8);
  private final RedisTestServer redis = RedisTestServer.get();
  private final DlqStore dlq;
  /** A saga on its way into the DLQ from the start, so tests that only read one need not wait long. */
  private final PaymentRequest sharedParked;

  private SagaTestStack() {
    temporalPort = freePort();
    server = TestServer.createPortBoundServer(temporalPort);
    stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress()).build());
    SagaSearchAttributes.register(stubs, "default");
    client = WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder()
        .setDataConverter(SagaDataConverter.encrypting(Keyring.parse(TestPayloadKeys.KEYS, TestPayloadKeys.VARIABLE)))
        .build());
    workers = WorkerFactory.newInstance(client);
    SagaWorker saga = new SagaWorker(client, redis.commands(), SagaWorkerOptions.builder()
        .taskQueue(taskQueue)
        .recovery(RECOVERY.recoveryInterval(), RECOVERY.giveUpAfter())
        .build());
    saga.newWorker(workers);
    dlq = saga.stores().dlq();
    workers.start();
    sharedParked = startParking(SandboxMagicValues.CARD_REFUND_REFUSED);
  }

  /** The client the tests start sagas with, on this stack's task queue. */
  public PaymentSagaClient payments() {
    return new PaymentSagaClient(client, new PaymentSagaClient.Options(taskQueue, null));
  }

  /** A saga parked in the DLQ (its refund is refused), shared: only read it. */
  public SagaState parkedSaga() {
    return awaitStatus(sharedParked.sagaId(), SagaStatus.DLQ);
  }

  /**
   * Fresh sagas driven into the DLQ, started together: the charge succeeds, crediting the frozen
   * merchant is refused, and the refund fails with this card ({@code tok_refund_refused} parks at
   * once, {@code tok_refund_flaky_4} after its four attempts, and succeeds when retried).
   */
  public List<SagaState> parkSagas(String cardToken, int count) {
    List<PaymentRequest> requests = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      requests.add(startParking(cardToken));
    }
    return requests.stream().map(r -> awaitStatus(r.sagaId(), SagaStatus.DLQ)).toList();
  }

  private PaymentRequest startParking(String cardToken) {
    PaymentRequest request = TestPayments.payment(cardToken, SandboxMagicValues.MERCHANT_FROZEN);
    payments().start(request);
    return request;
  }

  /** The DLQ the worker parks sagas in (the default keyspace the CLI reads). */
  public DlqStore dlq() {
    return dlq;
  }

  /** Polls the saga's state until it has this status (at most a minute). */
  public SagaState awaitStatus(String sagaId, SagaStatus status) {
    return Awaitility.await("saga " + sagaId + " reaching " + status).atMost(Duration.ofMinutes(1))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> payments().state(sagaId), state -> state.status() == status);
  }

  public static SagaTestStack get() {
    if (instance == null) {
      synchronized (SagaTestStack.class) {
        if (instance == null) {
          instance = new SagaTestStack();
          Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "saga-test-stack-stop"));
        }
      }
    }
    return instance;
  }

  /** The command line pointed at this stack through its environment variables. */
  public Cli cli() {
    return new Cli(Map.of(
        "TEMPORAL_ADDRESS", temporalAddress(),
        "SAGA_TASK_QUEUE", taskQueue,
        "REDIS_URL", redis.redisUri(),
        "TEMPORAL_UI_URL", "http://ui.test:8080"));
  }

  public String temporalAddress() {
    return "127.0.0.1:" + temporalPort;
  }

  public String taskQueue() {
    return taskQueue;
  }

  public WorkflowClient client() {
    return client;
  }

  public RedisTestServer redis() {
    return redis;
  }

  /** A loopback port nothing listens on (free now). */
  public static int freePort() {
    return FreePorts.free();
  }

  private void stop() {
    workers.shutdownNow();
    stubs.shutdownNow();
    server.close();
  }
}
