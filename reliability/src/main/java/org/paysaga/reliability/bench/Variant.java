package org.paysaga.reliability.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.ProcessSpec;
import org.paysaga.testsupport.WorkerApp;

/** The two things compared: A, the payment saga as shipped; B, the bare workflow. */
enum Variant {
  A("payment saga as shipped (worker-app.jar)") {
    @Override
    ManagedProcess startWorker(Path workerJar, String heap, String temporal, String redis, Path logDir, String name,
        Map<String, String> environment) {
      return WorkerApp.named(name).jar(workerJar).heap(heap).temporal(temporal).redis(redis).settings(environment)
          .logDir(logDir).build().startAndAwaitHealthy().process();
    }

    @Override
    void run(WorkflowClient client, PaymentRequest request) throws TimeoutException {
      SagaState state = new PaymentSagaClient(client).pay(request, SAGA_TIMEOUT);
      if (state.status() != SagaStatus.COMPLETED) {
        throw new IllegalStateException(request.paymentNo() + " ended " + state.status() + ": " + state.failure());
      }
    }
  },
  B("bare Temporal workflow, same four activities") {
    @Override
    ManagedProcess startWorker(Path workerJar, String heap, String temporal, String redis, Path logDir, String name,
        Map<String, String> environment) {
      ManagedProcess worker = ProcessSpec.java(name, "-Xmx" + heap, "-cp", System.getProperty("java.class.path"),
              BareWorker.class.getName(), temporal, redis)
          .env(environment).log(logDir.resolve(name + ".log")).start();
      worker.awaitLine(BareWorker.READY, Duration.ofSeconds(60));
      return worker;
    }

    @Override
    void run(WorkflowClient client, PaymentRequest request) {
      BarePayment workflow = client.newWorkflowStub(BarePayment.class, WorkflowOptions.newBuilder()
          .setWorkflowId(request.sagaId()).setTaskQueue(BarePayment.TASK_QUEUE).build());
      workflow.pay(request);
    }
  };

  /** Both workers get the same heap: this unless the run says otherwise. */
  static final String HEAP = "512m";
  static final Duration SAGA_TIMEOUT = Duration.ofMinutes(2);

  private final String description;

  Variant(String description) {
    this.description = description;
  }

  String description() {
    return description;
  }

  /**
   * Starts this variant's worker process against the server and Redis; returns once it polls.
   *
   * @param environment extra environment of the worker process ({@code JAVA_TOOL_OPTIONS} to profile it)
   */
  abstract ManagedProcess startWorker(Path workerJar, String heap, String temporal, String redis, Path logDir, String name,
      Map<String, String> environment);

  /** Runs one payment to its end (start, then wait for the result). */
  abstract void run(WorkflowClient client, PaymentRequest request) throws Exception;
}
