package org.paysaga.payment.activity;

import io.temporal.workflow.ActivityStub;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.saga.StepReceipt;

public class StepProbeImpl implements StepProbe {
  private final ActivityStub activities =
      Workflow.newUntypedActivityStub(SagaActivityOptions.base(PaymentRefusals.ALL));

  @Override
  public List<StepReceipt> run(List<String> activityTypes, PaymentRequest request) {
    List<StepReceipt> receipts = new ArrayList<>();
    for (String activityType : activityTypes) {
      receipts.add(activities.execute(activityType, StepReceipt.class, request));
    }
    return receipts;
  }
}
