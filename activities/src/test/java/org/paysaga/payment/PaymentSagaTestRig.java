package org.paysaga.payment;

import io.temporal.api.enums.v1.EventType;
import org.awaitility.Awaitility;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import org.paysaga.codec.SagaDataConverter;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.paysaga.ports.PaymentServices;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.lifecycle.RedisSagaLifecycle;
import org.paysaga.dlq.DlqService;
import org.paysaga.saga.SweeperSettings;
import org.paysaga.sweeper.RedisSweeperActivities;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.wiring.SagaWorker;
import org.paysaga.wiring.SagaWorkerOptions;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A payment saga worker on Temporal's in-process test server (time skipping unless switched off)
 * with the real sandbox services on a real Redis: what the workflow tests run against.
 */
final class PaymentSagaTestRig implements AutoCloseable {
  static final String TASK_QUEUE = "payment-saga-test";
  static final String WORKFLOW_IDS = "workflow-ids.properties";

  final TestWorkflowEnvironment env;
  final WorkflowClient client;
  final PaymentSagaClient payments;
  final SandboxPaymentServices sandbox;
  final DlqStore dlq;
  final InflightRegistry inflight;
  final IdempotencyBarrier barrier;
  final SagaKeyspace keyspace;
  final RedisSagaLifecycle lifecycle;
  final RedisSweeperActivities sweeper;
  final DlqService dlqService;
  private final RedisCommands<String, String> redis;
  final Worker worker;

  PaymentSagaTestRig(Map<String, Duration> timeoutOverrides, boolean timeSkipping, SagaSettings settings) {
    this(timeoutOverrides, timeSkipping, settings, UnaryOperator.identity());
  }

  /** @param services what the saga calls instead of the sandbox services (a fault a magic value cannot make) */
  PaymentSagaTestRig(Map<String, Duration> timeoutOverrides, boolean timeSkipping, SagaSettings settings,
      UnaryOperator<PaymentServices> services) {
    // Plaintext on purpose: the histories these tests record (saga.recordHistories) are replayed
    // by workflows' PaymentSagaReplayTest with Temporal's default converter; encryption has its own tests.
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setUseTimeskipping(timeSkipping)
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(SagaDataConverter.plaintext()).build())
        .build());
    SagaSearchAttributes.register(env.getWorkflowServiceStubs(), env.getNamespace());
    redis = RedisTestServer.get().commands();
    client = env.getWorkflowClient();
    // Keys of its own: tests share one Redis, and the sweeper must only see this rig's sagas.
    keyspace = new SagaKeyspace("test-" + UUID.randomUUID().toString().substring(0, 8) + ":saga");
    SagaWorkerOptions options = SagaWorkerOptions.builder()
        .taskQueue(TASK_QUEUE)
        .keyspace(keyspace)
        .recovery(settings.recoveryInterval(), settings.giveUpAfter())
        .sweeper(new SweeperSettings(Duration.ofMinutes(1), 10))
        .stepTimeouts(timeoutOverrides)
        .clock(env::currentTimeMillis)
        .build();
    sandbox = SagaWorker.sandboxOn(redis, options);
    SagaWorker saga = new SagaWorker(client, redis, options, services.apply(sandbox.services()), ServiceCallObserver.NONE);
    dlq = saga.stores().dlq();
    inflight = saga.stores().inflight();
    barrier = saga.stores().barrier();
    lifecycle = saga.lifecycle();
    sweeper = saga.sweeper();
    dlqService = saga.dlqService();
    worker = env.newWorker(TASK_QUEUE, saga.workerOptions());
    saga.register(worker);
    env.start();
    payments = new PaymentSagaClient(client, new PaymentSagaClient.Options(TASK_QUEUE, null));
  }

  PaymentSagaTestRig(Map<String, Duration> timeoutOverrides, boolean timeSkipping) {
    this(timeoutOverrides, timeSkipping, SagaSettings.DEFAULTS);
  }

  static PaymentSagaTestRig withDefaults() {
    return new PaymentSagaTestRig(Map.of(), true);
  }

  static PaymentSagaTestRig withSettings(SagaSettings settings) {
    return new PaymentSagaTestRig(Map.of(), true, settings);
  }

  /** Skips time a minute at a time until the saga reports the status (or gives up). */
  SagaState awaitStatus(String sagaId, SagaStatus status, Duration maxSkipped) {
    return awaitStatus(sagaId, status, maxSkipped, Duration.ofMinutes(1));
  }

  /** Skips time a step at a time until the saga reports the status (or gives up). */
  SagaState awaitStatus(String sagaId, SagaStatus status, Duration maxSkipped, Duration step) {
    SagaState state = null;
    SagaReader reader = new SagaReader(client);
    for (Duration skipped = Duration.ZERO; skipped.compareTo(maxSkipped) <= 0; skipped = skipped.plus(step)) {
      state = reader.read(sagaId);
      if (state.status() == status) {
        return state;
      }
      env.sleep(step);
    }
    throw new AssertionError(sagaId + " never reached " + status + "; last state " + state);
  }

  /** Waits (real time) until the sandbox has seen this many attempts of the activity type. */
  void awaitAttempts(String sagaId, String activityType, int attempts) {
    Awaitility.await(activityType + " reaching " + attempts + " attempts").atMost(Duration.ofSeconds(20))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> sandbox.audit(sagaId).attempts(activityType) >= attempts);
  }

  long barrierTtlSeconds(String sagaId) {
    return barrier.ttlSeconds(sagaId);
  }

  /** Activity types the saga scheduled, in order, read from its history. */
  List<String> scheduledActivities(String sagaId) {
    return events(sagaId).stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(e -> e.getActivityTaskScheduledEventAttributes().getActivityType().getName())
        .toList();
  }

  List<HistoryEvent> events(String sagaId) {
    return client.fetchHistory(sagaId).getHistory().getEventsList();
  }

  /**
   * With {@code -Dsaga.recordHistories=<dir>} the history is written there for the replay test
   * of the workflows module (workflows/src/test/resources/histories).
   */
  void recordHistory(String sagaId, String name) {
    String dir = System.getProperty("saga.recordHistories");
    if (dir == null || dir.isBlank()) {
      return;
    }
    try {
      Path target = Path.of(dir).resolve(name + ".json");
      Files.createDirectories(target.getParent());
      Files.writeString(target, client.fetchHistory(sagaId).toJson(true));
      // The replayer needs the workflow ID (the saga checks it); histories do not carry it.
      Path index = target.resolveSibling(WORKFLOW_IDS);
      Properties ids = new Properties();
      if (Files.exists(index)) {
        try (Reader in = Files.newBufferedReader(index)) {
          ids.load(in);
        }
      }
      ids.setProperty(name + ".json", sagaId);
      try (Writer out = Files.newBufferedWriter(index)) {
        ids.store(out, "workflow ID of each recorded history");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    env.close();
    redis.del(keyspace.inflight(), keyspace.dlqEntries(), keyspace.dlqIndex(), keyspace.dlqResolutions());
  }
}
