package org.paysaga.cli.dlq;

import org.paysaga.dlq.RetryOutcome;

/**
 * {@code saga dlq retry --json}.
 *
 * @param sagaId the entry
 * @param action {@code signalled} (the waiting saga runs its outstanding compensations again) or
 *     {@code compensationStarted} (a compensation workflow was started for a saga Temporal ended)
 * @param workflowId the workflow doing the work
 * @param message what happened, for people
 */
public record DlqRetryResult(String sagaId, String action, String workflowId, String message) {
  static DlqRetryResult of(String sagaId, RetryOutcome outcome) {
    if (outcome.signalled()) {
      return new DlqRetryResult(sagaId, "signalled", outcome.workflowId(), "Signalled " + outcome.workflowId()
          + ": it runs its outstanding compensations again (and parks again if they fail).");
    }
    return new DlqRetryResult(sagaId, "compensationStarted", outcome.workflowId(), "Started compensation workflow "
        + outcome.workflowId() + (outcome.runId() == null ? "" : " (run " + outcome.runId() + ")")
        + " for the outstanding compensations of " + sagaId + ", which Temporal ended.");
  }
}
