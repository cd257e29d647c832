package org.paysaga.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisException;
import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import org.paysaga.codec.SagaDataConverter;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.PaymentSagaImpl;
import org.paysaga.catalog.Defaults;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.wiring.SagaWorkerOptions;
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.activity.ServiceCalls;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaLifecycle;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * Redis away while a saga registers or finishes delays the saga; it never fails it. The saga's
 * bookkeeping runs as local activities, whose retries need more than "maximum attempts 0" (the
 * chaos run found a saga FAILED by one connection reset during a Redis restart).
 */
class LifecycleOutageTest {
  private static final String TASK_QUEUE = "lifecycle-outage-test";

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
      .setWorkflowClientOptions(WorkflowClientOptions.newBuilder().setDataConverter(SagaDataConverter.plaintext()).build())
      .build());
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SagaKeyspace keyspace = new SagaKeyspace("test-" + UUID.randomUUID().toString().substring(0, 8) + ":saga");
  private final InflightRegistry inflight = new InflightRegistry(redis, keyspace);
  private final IdempotencyBarrier barrier = new IdempotencyBarrier(redis);

  @AfterEach
  void close() {
    env.close();
    redis.del(keyspace.inflight());
  }

  @Test
  void connectionResetsAtRegisterAndFinishOnlyDelayTheSaga() throws Exception {
    OutageLifecycle lifecycle = new OutageLifecycle(new RedisSagaLifecycle(inflight,
        new DlqStore(redis, keyspace), barrier, SagaSettings.DEFAULTS, Defaults.IDEMPOTENCY_TTL), 2, 1);
    SagaSearchAttributes.register(env.getWorkflowServiceStubs(), env.getNamespace());
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        SagaWorkerOptions.create().implementationOptions(PaymentSaga.WORKFLOW_TYPE), PaymentSagaImpl.class);
    worker.registerActivitiesImplementations(new PaymentSagaActivities(
        new SandboxPaymentServices(redis).services(), new ServiceCalls(barrier, ServiceCallObserver.NONE)), lifecycle);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);

    SagaState state = new PaymentSagaClient(client, new PaymentSagaClient.Options(TASK_QUEUE, null))
        .pay(payment, Duration.ofMinutes(1));

    assertThat(state.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(lifecycle.registerCalls.get()).isEqualTo(3);
    assertThat(lifecycle.finishCalls.get()).isEqualTo(2);
    assertThat(inflight.contains(payment.sagaId())).isFalse();
    assertThat(barrier.ttlSeconds(payment.sagaId())).isPositive();
  }

  /** The real lifecycle behind a Redis that resets the connection on the first calls. */
  private static final class OutageLifecycle implements SagaLifecycle {
    private final SagaLifecycle delegate;
    private final int failingRegisters;
    private final int failingFinishes;
    final AtomicInteger registerCalls = new AtomicInteger();
    final AtomicInteger finishCalls = new AtomicInteger();

    OutageLifecycle(SagaLifecycle delegate, int failingRegisters, int failingFinishes) {
      this.delegate = delegate;
      this.failingRegisters = failingRegisters;
      this.failingFinishes = failingFinishes;
    }

    @Override
    public SagaSettings settings() {
      return delegate.settings();
    }

    @Override
    public void register(String sagaId, long startedAtMillis) {
      if (registerCalls.incrementAndGet() <= failingRegisters) {
        throw new RedisException("java.net.SocketException: Connection reset");
      }
      delegate.register(sagaId, startedAtMillis);
    }

    @Override
    public void park(DlqEntry entry) {
      delegate.park(entry);
    }

    @Override
    public void finish(String sagaId) {
      if (finishCalls.incrementAndGet() <= failingFinishes) {
        throw new RedisException("java.net.SocketException: Connection reset");
      }
      delegate.finish(sagaId);
    }
  }
}
