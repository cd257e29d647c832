package org.paysaga.reliability.bench;

import org.paysaga.reliability.stack.StackCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.wiring.SagaWorker;
import org.paysaga.wiring.SagaWorkerOptions;

/**
 * The worker process of the baseline (B): {@link BarePaymentImpl} and {@link BareActivities}, the
 * same sandbox port calls as the saga's with no saga layer around them (no barrier), with the SDK's
 * default worker options (as the worker app has) and the same step timeouts. Prints {@code READY} once it polls; stops on SIGTERM.
 *
 * <pre>java -cp saga-reliability.jar org.paysaga.reliability.bench.BareWorker 127.0.0.1:7233 redis://127.0.0.1:6379</pre>
 */
public final class BareWorker {
  static final String READY = "READY";

  private BareWorker() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: BareWorker <temporal host:port> <redis URL>");
      System.exit(2);
    }
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(args[0]).build());
    RedisClient redisClient = RedisClient.create(args[1]);
    redisClient.setOptions(ClientOptions.builder().timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10))).build());
    StatefulRedisConnection<String, String> redis = redisClient.connect();

    // The saga worker's defaults (step timeouts, sticky execution) on the baseline's own queue.
    SagaWorkerOptions options = SagaWorkerOptions.builder().taskQueue(BarePayment.TASK_QUEUE).build();
    WorkerFactory factory = WorkerFactory.newInstance(StackCodec.client(stubs));
    Worker worker = factory.newWorker(options.taskQueue());
    worker.registerWorkflowImplementationTypes(
        options.implementationOptions(PaymentSaga.WORKFLOW_TYPE), BarePaymentImpl.class);
    worker.registerActivitiesImplementations(
        new BareActivities(SagaWorker.sandboxOn(redis.sync(), options).services()));
    factory.start();

    // The worker's threads keep the JVM up; SIGTERM runs this hook.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      factory.shutdown();
      factory.awaitTermination(10, TimeUnit.SECONDS);
      redis.close();
      redisClient.shutdown();
      stubs.shutdown();
    }));
    System.out.println(READY);
    System.out.flush();
  }
}
