package org.paysaga.reliability.scale;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSaga;

/**
 * Real {@code PaymentSaga} workflows for {@link PaymentIds} sequence numbers, started on a task
 * queue no worker polls: they stay RUNNING (or time out, given a run timeout) at no cost, which is
 * what a sweep needs to describe.
 */
final class UnpolledSagas {
  static final String TASK_QUEUE = "scale-curves-unpolled";

  private final WorkflowClient temporal;

  UnpolledSagas(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  /** Starts it, or finds it started by an earlier size of the same run. */
  WorkflowStub start(long sequence) {
    return start(sequence, null);
  }

  /** @param runTimeout Temporal's workflow run timeout, or null for none */
  WorkflowStub start(long sequence, Duration runTimeout) {
    WorkflowOptions options = WorkflowOptions.newBuilder().setWorkflowId(PaymentIds.sagaId(sequence))
        .setTaskQueue(TASK_QUEUE).setWorkflowRunTimeout(runTimeout).build();
    WorkflowStub stub = temporal.newUntypedWorkflowStub(PaymentSaga.WORKFLOW_TYPE, options);
    try {
      stub.start(new PaymentRequest(PaymentIds.paymentNo(sequence), "m_scale", 1_000, "CNY", "tok_visa"));
    } catch (WorkflowExecutionAlreadyStarted e) {
      // The same entry, still running.
    }
    return stub;
  }
}
