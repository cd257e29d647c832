package org.paysaga.payment.activity;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.saga.StepReceipt;

/**
 * A test workflow that runs payment activities by type name, one after the other, with the
 * saga's retry policy: activities then see real workflow IDs, attempts and retries.
 */
@WorkflowInterface
public interface StepProbe {
  String TASK_QUEUE = "step-probe";

  @WorkflowMethod
  List<StepReceipt> run(List<String> activityTypes, PaymentRequest request);
}
