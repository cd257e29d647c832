package org.paysaga.saga;

import java.util.List;

/**
 * Input of the {@code SagaCompensation} workflow that {@code dlq retry} starts for a saga Temporal
 * gave up on: run exactly the outstanding compensations of that saga, in this order, with the
 * saga's own input. The barrier (keyed by {@link #sagaId}) keeps them exactly-once.
 *
 * @param compensations steps whose compensation is outstanding, in the order to run them
 *     (reverse step order); each is a {@link StepDefinition} of the saga type
 */
public record CompensationOrder(
    String sagaId, String sagaType, String businessKey, List<StepDefinition> compensations, Object input) {
  public CompensationOrder {
    compensations = List.copyOf(compensations);
  }
}
