package org.paysaga.saga;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The saga types this project runs and their steps, for code outside a saga's own workflow (the
 * sweeper reading barrier records, the compensation workflow) that must know a type's steps.
 */
public final class SagaCatalog {
  private final Map<String, List<StepDefinition>> stepsByType;

  public SagaCatalog(Map<String, List<StepDefinition>> stepsByType) {
    this.stepsByType = Map.copyOf(stepsByType);
  }

  public Optional<List<StepDefinition>> steps(String sagaType) {
    return Optional.ofNullable(stepsByType.get(sagaType));
  }

  public Map<String, List<StepDefinition>> all() {
    return stepsByType;
  }
}
