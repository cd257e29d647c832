package org.paysaga.barrier;

/**
 * The keys a step hands downstream. (The barrier's own Redis key, one hash per saga with a field
 * per step and phase, is {@code SagaKeyspace.barrier}: hash tag the workflow ID, not the run ID.)
 */
public final class BarrierKeys {
  private BarrierKeys() {}

  /** The key a step hands downstream so the downstream service dedupes too: {@code <sagaId>:<ActivityType>}. */
  public static String idempotencyKey(String sagaId, String activityType) {
    return sagaId + ":" + activityType;
  }
}
