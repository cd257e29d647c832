package org.paysaga.saga;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one sweeper (fixed workflow ID {@value #WORKFLOW_ID}): every interval it looks at a batch
 * of registered sagas and moves those Temporal gave up on into the DLQ. However many worker
 * replicas start it, Temporal runs one execution per workflow ID, and it survives worker crashes.
 */
@WorkflowInterface
public interface SagaSweeper {
  String WORKFLOW_ID = "saga-sweeper";
  String WORKFLOW_TYPE = "SagaSweeper";

  @WorkflowMethod(name = WORKFLOW_TYPE)
  void sweep(SweepCursor from);
}
