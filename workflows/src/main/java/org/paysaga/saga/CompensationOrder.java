package org.paysaga.saga;

import java.util.List;
import java.util.Map;

/**
 * Input of the {@code SagaCompensation} workflow that {@code dlq retry} starts for a saga Temporal
 * gave up on: run exactly the outstanding compensations of that saga, in this order, with the
 * saga's own input. The barrier (keyed by {@link #sagaId}) keeps them exactly-once.
 *
 * @param compensations steps whose compensation is outstanding, in the order to run them
 *     (reverse step order); each is a {@link StepDefinition} of the saga type
 * @param description the saga's description ({@link SagaInput#description()}, as its DLQ entry
 *     holds it), so an entry this workflow writes describes the payment too; null in orders
 *     written before it existed
 */
public record CompensationOrder(String sagaId, String sagaType, String businessKey,
    List<StepDefinition> compensations, Object input, Map<String, String> description) {
  public CompensationOrder {
    compensations = List.copyOf(compensations);
    description = description == null ? null : Map.copyOf(description);
  }
}
