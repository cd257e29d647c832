package org.paysaga.saga;

import io.temporal.workflow.QueryMethod;

/** What every saga workflow answers, whatever its type. */
public interface SagaWorkflow {
  /** Query name used by the CLI and {@code PaymentSagaClient}. */
  String STATE_QUERY = "state";

  /** The saga's status and each step's status, attempts and last error. */
  @QueryMethod(name = STATE_QUERY)
  SagaState state();
}
