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
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.activity.ServiceCalls;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.ports.PaymentServices;
import org.paysaga.refund.RefundSaga;
import org.paysaga.refund.RefundSagaImpl;
import org.paysaga.refund.activity.RefundSagaActivities;
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
  private final PaymentServices services;
  private final ServiceCallObserver observer;
  private final RedisSagaLifecycle lifecycle;
  private final RedisSweeperActivities sweeper;
  private final WorkflowClient client;

  /** On the sandbox payment services, in the same Redis: the demo's and most tests' worker. */
  public SagaWorker(WorkflowClient client, RedisClusterCommands<String, String> redis, SagaWorkerOptions options) {
    this(client, redis, options, sandboxOn(redis, options).services(), ServiceCallObserver.NONE);
  }

  /**
   * @param services the payment services the sagas call
   * @param observer hears of every payment service call (the worker app's metrics)
   */
  public SagaWorker(WorkflowClient client, RedisClusterCommands<String, String> redis, SagaWorkerOptions options,
      PaymentServices services, ServiceCallObserver observer) {
    this.options = options;
    this.client = client;
    this.services = services;
    this.observer = observer;
    // The DLQ keeps a saga's input as this client's converter encodes it (its codec applies).
    stores = SagaStores.on(redis, options.keyspace(), client.getOptions().getDataConverter());
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
    ServiceCalls calls = new ServiceCalls(stores.barrier(), observer);
    worker.registerActivitiesImplementations(new PaymentSagaActivities(services, calls),
        new RefundSagaActivities(services, calls), lifecycle, sweeper);
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

  /** The payment services the sagas call. */
  public PaymentServices services() {
    return services;
  }

  /** The sandbox services on this Redis, in the options' keyspace, TTL and clock. */
  public static SandboxPaymentServices sandboxOn(RedisClusterCommands<String, String> redis, SagaWorkerOptions options) {
    return new SandboxPaymentServices(redis, options.keyspace(), options.idempotencyTtl(), options.clock());
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
