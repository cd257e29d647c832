package org.paysaga.saga;

import java.util.List;

/**
 * What one sweep did.
 *
 * @param examined sagas looked at with DescribeWorkflowExecution
 * @param parked sagas Temporal gave up on, moved into the DLQ
 * @param finished closed sagas with nothing left to undo, taken out of the registry
 * @param next where the next sweep starts ({@link SweepCursor#START} after the end)
 */
public record SweepResult(int examined, List<String> parked, List<String> finished, SweepCursor next) {
  public SweepResult {
    parked = List.copyOf(parked);
    finished = List.copyOf(finished);
  }
}
