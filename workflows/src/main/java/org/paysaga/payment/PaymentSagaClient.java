package org.paysaga.payment;

import org.paysaga.catalog.Defaults;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.api.common.v1.WorkflowExecution;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaStart;
import org.paysaga.saga.SagaState;

/**
 * The one way to start, await and inspect payment sagas, for the CLI and for service code.
 * Thread-safe; build one per {@link WorkflowClient} and share it.
 *
 * <pre>{@code
 * PaymentSagaClient payments = new PaymentSagaClient(workflowClient);
 * PaymentRequest request = PaymentRequests.parse("P1001", "m_shop", "12.34", "CNY", "tok_visa");
 * SagaStart start = payments.start(request);              // starts nothing if P1001 ran before
 * SagaState outcome = payments.await(start.sagaId(), Duration.ofMinutes(2));
 * }</pre>
 */
public final class PaymentSagaClient {
  private final WorkflowClient client;
  private final Options options;
  private final SagaReader reader;

  /**
   * @param taskQueue the workers' task queue ({@code SAGA_TASK_QUEUE}, default {@code payment-saga})
   * @param executionTimeout a workflow execution timeout, or null for none (the default: a saga
   *     parked for an operator must be able to wait)
   */
  public record Options(String taskQueue, Duration executionTimeout) {
    public Options {
      Objects.requireNonNull(taskQueue, "taskQueue");
    }

    public static Options defaults() {
      return new Options(Defaults.TASK_QUEUE, null);
    }
  }

  public PaymentSagaClient(WorkflowClient client) {
    this(client, Options.defaults());
  }

  public PaymentSagaClient(WorkflowClient client, Options options) {
    this.client = Objects.requireNonNull(client, "client");
    this.options = Objects.requireNonNull(options, "options");
    this.reader = new SagaReader(client);
  }

  /**
   * Starts the payment's saga unless one already ran or runs for its payment number; then nothing
   * is started and the existing run is returned with {@code started == false}.
   *
   * @throws InvalidPaymentRequestException before anything is started, naming the bad field
   */
  public SagaStart start(PaymentRequest request) {
    PaymentRequests.validate(request);
    PaymentSaga saga = client.newWorkflowStub(PaymentSaga.class, workflowOptions(request.sagaId()));
    try {
      WorkflowExecution execution = WorkflowClient.start(saga::pay, request);
      return new SagaStart(execution.getWorkflowId(), execution.getRunId(), true);
    } catch (WorkflowExecutionAlreadyStarted e) {
      return new SagaStart(e.getExecution().getWorkflowId(), e.getExecution().getRunId(), false);
    }
  }

  /** Starts (or finds) the payment's saga and waits for its outcome. */
  public SagaState pay(PaymentRequest request, Duration timeout) throws TimeoutException {
    return await(start(request).sagaId(), timeout);
  }

  /** Waits until the saga ends; its final state, or {@code FAILED} when Temporal ended it. */
  public SagaState await(String paymentNoOrSagaId, Duration timeout) throws TimeoutException {
    return reader.await(sagaId(paymentNoOrSagaId), timeout);
  }

  /** The saga's current state (open) or final state (closed). */
  public SagaState state(String paymentNoOrSagaId) {
    return reader.read(sagaId(paymentNoOrSagaId));
  }

  /** Asks a running saga to stop: it compensates what it did and ends {@code COMPENSATED}. */
  public void cancel(String paymentNoOrSagaId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(sagaId(paymentNoOrSagaId));
    stub.cancel("cancelled by request");
  }

  /** {@code P1001} and {@code payment-P1001} both name the saga {@code payment-P1001}. */
  public static String sagaId(String paymentNoOrSagaId) {
    if (paymentNoOrSagaId == null || paymentNoOrSagaId.isBlank()) {
      throw new InvalidPaymentRequestException("paymentNo", "is required");
    }
    if (paymentNoOrSagaId.startsWith(PaymentSaga.WORKFLOW_ID_PREFIX)) {
      return paymentNoOrSagaId;
    }
    PaymentRequests.checkPaymentNo(paymentNoOrSagaId);
    return PaymentSaga.workflowIdFor(paymentNoOrSagaId);
  }

  private WorkflowOptions workflowOptions(String sagaId) {
    WorkflowOptions.Builder builder = WorkflowOptions.newBuilder()
        .setWorkflowId(sagaId)
        .setTaskQueue(options.taskQueue())
        // The workflow ID is the lock: a payment number runs once, ever (within retention).
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE);
    if (options.executionTimeout() != null) {
      builder.setWorkflowExecutionTimeout(options.executionTimeout());
    }
    return builder.build();
  }
}
