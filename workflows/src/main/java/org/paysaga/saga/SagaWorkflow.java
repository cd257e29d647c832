package org.paysaga.saga;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;

/** What every saga workflow answers, whatever its type. */
public interface SagaWorkflow {
  /** Query name used by the CLI and {@code PaymentSagaClient}. */
  String STATE_QUERY = "state";

  String RETRY_SIGNAL = "retryCompensation";
  String RESOLVE_SIGNAL = "resolve";

  /** The saga's status and each step's status, attempts and last error. */
  @QueryMethod(name = STATE_QUERY)
  SagaState state();

  /** Operator: run the outstanding compensations of a saga parked in the DLQ again. */
  @SignalMethod(name = RETRY_SIGNAL)
  void retryCompensation();

  /** Operator: close a saga parked in the DLQ by hand ({@code RESOLVED}), recording the note. */
  @SignalMethod(name = RESOLVE_SIGNAL)
  void resolve(String note);
}
