package org.paysaga.reliability.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import org.paysaga.payment.PaymentRequest;

/**
 * The benchmark's baseline (B): a plain Temporal workflow that runs the payment's four forward
 * activities in order, with the saga's activity options, and nothing else: no compensation, no
 * barrier, no saga state, no in-flight registry, no metrics of its own.
 */
@WorkflowInterface
public interface BarePayment {
  String TASK_QUEUE = "bench-bare-payment";

  @WorkflowMethod(name = "BarePayment")
  String pay(PaymentRequest request);
}
