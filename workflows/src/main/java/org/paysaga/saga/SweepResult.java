package org.paysaga.saga;

import java.util.List;

/**
 * What one sweep did.
 *
 * @param examined registered sagas of the registry page looked at with DescribeWorkflowExecution
 * @param parked sagas Temporal gave up on, moved into the DLQ
 * @param finished closed sagas with nothing left to undo, taken out of the registry
 * @param next where the next sweep starts ({@link SweepCursor#START} after the end)
 * @param closedNamed registered sagas that visibility named closed unfinished, examined before the
 *     page (0 without visibility, and in results recorded before this component existed)
 */
public record SweepResult(int examined, List<String> parked, List<String> finished, SweepCursor next,
    int closedNamed) {
  public SweepResult {
    parked = List.copyOf(parked);
    finished = List.copyOf(finished);
  }
}
