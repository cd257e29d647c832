package org.paysaga.reliability.bench;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.reliability.stack.ManagedProcess;
import org.paysaga.reliability.stack.Waits;
import org.paysaga.reliability.stack.WorkerAppReplica;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;

/** The two things compared: A, the payment saga as shipped; B, the bare workflow. */
enum Variant {
  A("payment saga as shipped (worker-app.jar)") {
    @Override
    ManagedProcess startWorker(Path workerJar, String temporal, String redis, Path logDir, String name,
        Map<String, String> environment) {
      WorkerAppReplica worker = WorkerAppReplica.create(name, workerJar, HEAP, temporal, redis, environment, logDir);
      worker.startAndAwaitHealthy();
      return worker.process();
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
    ManagedProcess startWorker(Path workerJar, String temporal, String redis, Path logDir, String name,
        Map<String, String> environment) {
      ManagedProcess worker = new ManagedProcess(name, List.of(ManagedProcess.javaExecutable(), "-Xmx" + HEAP,
          "-cp", System.getProperty("java.class.path"), BareWorker.class.getName(), temporal, redis),
          environment, logDir.resolve(name + ".log"));
      worker.start();
      Waits.until(name + " to print " + BareWorker.READY, Duration.ofSeconds(60), () -> {
        if (!worker.isAlive()) {
          throw new IllegalStateException(name + " exited:\n" + worker.tail(40));
        }
        return worker.tail(200).contains(BareWorker.READY);
      });
      return worker;
    }

    @Override
    void run(WorkflowClient client, PaymentRequest request) {
      BarePayment workflow = client.newWorkflowStub(BarePayment.class, WorkflowOptions.newBuilder()
          .setWorkflowId(request.sagaId()).setTaskQueue(BarePayment.TASK_QUEUE).build());
      workflow.pay(request);
    }
  };

  /** Both workers get the same heap. */
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
  abstract ManagedProcess startWorker(Path workerJar, String temporal, String redis, Path logDir, String name,
      Map<String, String> environment);

  /** Runs one payment to its end (start, then wait for the result). */
  abstract void run(WorkflowClient client, PaymentRequest request) throws Exception;
}
