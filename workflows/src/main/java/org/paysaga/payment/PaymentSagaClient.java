package org.paysaga.payment;

import org.paysaga.catalog.Defaults;
import org.paysaga.codec.SagaDataConverter;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.Payloads;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import org.paysaga.refund.RefundRequest;
import org.paysaga.refund.RefundSaga;
import org.paysaga.saga.SagaNotFoundException;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.SagaStart;
import org.paysaga.saga.SagaState;

/**
 * The one way to start, await and inspect payment sagas, for the CLI and for service code.
 * Thread-safe; build one per {@link WorkflowClient} and share it.
 *
 * <pre>{@code
 * // workflowClient: built with SagaDataConverter.encrypting(keyring), the workers' payload keys
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

  /**
   * @throws IllegalArgumentException when {@code client} has Temporal's default data converter: it
   *     would write card tokens and amounts to Temporal in plaintext
   */
  public PaymentSagaClient(WorkflowClient client, Options options) {
    this.client = Objects.requireNonNull(client, "client");
    if (!SagaDataConverter.isChosen(client.getOptions().getDataConverter())) {
      throw new IllegalArgumentException("the WorkflowClient would write payments to Temporal in plaintext: build it"
          + " with WorkflowClientOptions.setDataConverter(SagaDataConverter.encrypting(keyring)) and the workers'"
          + " keys, or SagaDataConverter.plaintext() where the workers run with encryption off");
    }
    this.options = Objects.requireNonNull(options, "options");
    this.reader = new SagaReader(client);
  }

  /**
   * Starts the payment's saga unless one already ran or runs for its payment number; then nothing
   * is started and the existing run is returned with {@code started == false}.
   *
   * @throws InvalidPaymentRequestException before anything is started, naming the bad field (a
   *     card number in place of the channel's token too)
   */
  public SagaStart start(PaymentRequest request) {
    PaymentRequests.refuseCardNumber(request == null ? null : request.cardToken());
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

  /**
   * A refund of a completed payment, as {@link #refund(RefundRequest)} takes it: the payment as it
   * was paid is read from its saga's history. Nothing is started.
   *
   * @param refundNo the refund's number, its saga's lock; null for a new one
   *     ({@code <paymentNo>-r<8 hex>})
   * @param amountMinor what to refund in the payment's minor units; null for the whole payment
   * @throws SagaNotFoundException when the payment never ran
   * @throws InvalidPaymentRequestException when the payment did not complete, or a field is bad
   */
  public RefundRequest refundOf(String paymentNo, String refundNo, Long amountMinor) {
    String sagaId = paymentSagaId(paymentNo);
    SagaState payment = reader.read(sagaId);
    if (payment.status() != SagaStatus.COMPLETED) {
      throw new InvalidPaymentRequestException("paymentNo",
          "payment " + payment.businessKey() + " is " + payment.status() + ": only a COMPLETED payment is refunded");
    }
    PaymentRequest paid = paidRequest(sagaId);
    String number = refundNo != null ? refundNo : newRefundNo(paid.paymentNo());
    return RefundRequest.validate(new RefundRequest(number, paid, amountMinor == null ? paid.amountMinor() : amountMinor));
  }

  /**
   * Starts the refund's saga ({@code refund-<refundNo>}) unless that refund number ran before; the
   * payment services keep the refunds of one payment within its charge, concurrent ones included.
   */
  public SagaStart refund(RefundRequest request) {
    // No card-number refusal here: the payment was charged already (maybe before start refused
    // card numbers), and its money must still be able to go back.
    RefundRequest.validate(request);
    RefundSaga saga = client.newWorkflowStub(RefundSaga.class, workflowOptions(request.sagaId()));
    try {
      WorkflowExecution execution = WorkflowClient.start(saga::refund, request);
      return new SagaStart(execution.getWorkflowId(), execution.getRunId(), true);
    } catch (WorkflowExecutionAlreadyStarted e) {
      return new SagaStart(e.getExecution().getWorkflowId(), e.getExecution().getRunId(), false);
    }
  }

  /** The payment's request as its saga received it: the first event of its history. */
  private PaymentRequest paidRequest(String sagaId) {
    Payloads input = client.fetchHistory(sagaId).getEvents().get(0)
        .getWorkflowExecutionStartedEventAttributes().getInput();
    return client.getOptions().getDataConverter()
        .fromPayloads(0, Optional.of(input), PaymentRequest.class, PaymentRequest.class);
  }

  private static String newRefundNo(String paymentNo) {
    String suffix = "-r" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    return paymentNo.substring(0, Math.min(paymentNo.length(), 64 - suffix.length())) + suffix;
  }

  /** Asks a running saga to stop: it compensates what it did and ends {@code COMPENSATED}. */
  public void cancel(String paymentNoOrSagaId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(sagaId(paymentNoOrSagaId));
    stub.cancel("cancelled by request");
  }

  /**
   * {@code P1001} and {@code payment-P1001} both name the saga {@code payment-P1001}; a refund's
   * saga is named by its workflow ID ({@code refund-<refundNo>}).
   */
  public static String sagaId(String paymentNoOrSagaId) {
    return paymentNoOrSagaId != null && paymentNoOrSagaId.startsWith(RefundSaga.WORKFLOW_ID_PREFIX)
        ? paymentNoOrSagaId
        : paymentSagaId(paymentNoOrSagaId);
  }

  /** {@code P1001} and {@code payment-P1001} both name the payment saga {@code payment-P1001}. */
  private static String paymentSagaId(String paymentNoOrSagaId) {
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
