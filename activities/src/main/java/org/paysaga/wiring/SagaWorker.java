package org.paysaga.wiring;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import org.paysaga.dlq.DlqService;
import org.paysaga.lifecycle.RedisSagaLifecycle;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.PaymentSagaImpl;
import org.paysaga.payment.activity.SandboxPaymentActivities;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.refund.RefundSaga;
import org.paysaga.refund.RefundSagaImpl;
import org.paysaga.refund.activity.SandboxRefundActivities;
import org.paysaga.saga.SagaCompensationImpl;
import org.paysaga.saga.SagaSweeperImpl;
import org.paysaga.sweeper.RedisSweeperActivities;

/**
 * A saga worker, wired once for the worker app, the tests and the benchmark: the saga workflows
 * (each registered with its steps' timeouts), the generic compensation workflow, the sweeper, and
 * the activities on the Redis stores and the sandbox payment services.
 *
 * <pre>
 * SagaWorker saga = new SagaWorker(client, redis, SagaWorkerOptions.create());
 * saga.newWorker(factory);
 * factory.start();
 * </pre>
 */
public final class SagaWorker {
  private final SagaWorkerOptions options;
  private final SagaStores stores;
  private final SandboxPaymentServices sandbox;
  private final RedisSagaLifecycle lifecycle;
  private final RedisSweeperActivities sweeper;
  private final WorkflowClient client;
  private final RedisClusterCommands<String, String> redis;

  public SagaWorker(WorkflowClient client, RedisClusterCommands<String, String> redis, SagaWorkerOptions options) {
    this.options = options;
    this.client = client;
    this.redis = redis;
    stores = SagaStores.on(redis, options.keyspace());
    sandbox = new SandboxPaymentServices(redis, options.keyspace(), options.idempotencyTtl(), options.clock());
    lifecycle = new RedisSagaLifecycle(stores.inflight(), stores.dlq(), stores.barrier(), options.sagaSettings(),
        options.idempotencyTtl());
    sweeper = new RedisSweeperActivities(stores.inflight(), stores.dlq(), stores.barrier(), lifecycle, client,
        options.catalog(), options.sweeper(), options.clock());
  }

  /** A worker on the options' task queue, with everything registered. */
  public Worker newWorker(WorkerFactory factory) {
    Worker worker = factory.newWorker(options.taskQueue(), workerOptions());
    register(worker);
    return worker;
  }

  /** Registers the workflows and activities on a worker made elsewhere (a test environment's). */
  public void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(
        options.implementationOptions(PaymentSaga.WORKFLOW_TYPE), PaymentSagaImpl.class);
    worker.registerWorkflowImplementationTypes(
        options.implementationOptions(RefundSaga.WORKFLOW_TYPE), RefundSagaImpl.class);
    // The compensation workflow's untyped stubs take each step's timeout from the saga settings.
    worker.registerWorkflowImplementationTypes(SagaCompensationImpl.class, SagaSweeperImpl.class);
    worker.registerActivitiesImplementations(new SandboxPaymentActivities(sandbox),
        new SandboxRefundActivities(stores.barrier(), redis, sandbox, options.idempotencyTtl()), lifecycle, sweeper);
  }

  /** Sticky execution on, unless the options turn it off (a queued sticky task then moves at once). */
  public WorkerOptions workerOptions() {
    WorkerOptions.Builder builder = WorkerOptions.newBuilder();
    if (!options.stickyExecution()) {
      builder.setStickyQueueScheduleToStartTimeout(Duration.ZERO);
    }
    return builder.build();
  }

  public SagaWorkerOptions options() {
    return options;
  }

  public SagaStores stores() {
    return stores;
  }

  public SandboxPaymentServices sandbox() {
    return sandbox;
  }

  public RedisSagaLifecycle lifecycle() {
    return lifecycle;
  }

  public RedisSweeperActivities sweeper() {
    return sweeper;
  }

  /** The DLQ as an operator works it, on this worker's stores and settings. */
  public DlqService dlqService() {
    return stores.dlqService(client, options.taskQueue(), options.catalog(), options.idempotencyTtl(), options.clock());
  }
}
