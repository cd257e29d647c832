package org.paysaga.barrier;

/**
 * Where the barrier keeps a saga: one hash {@code saga:{<sagaId>}:barrier} with a field per step
 * and phase ({@code CallPaymentChannel:f}, {@code CallPaymentChannel:c}). The hash tag is the
 * workflow ID (not the run ID), so a saga's records and the sandbox's share one cluster slot.
 */
public final class BarrierKeys {
  private BarrierKeys() {}

  public static String barrier(String sagaId) {
    if (sagaId == null || sagaId.isBlank() || sagaId.contains("{") || sagaId.contains("}")) {
      // Braces would change the hash tag and split the saga over cluster slots.
      throw new IllegalArgumentException("saga id must be non-blank and free of braces: " + sagaId);
    }
    return "saga:{" + sagaId + "}:barrier";
  }

  /** The key a step hands downstream so the downstream service dedupes too: {@code <sagaId>:<ActivityType>}. */
  public static String idempotencyKey(String sagaId, String activityType) {
    return sagaId + ":" + activityType;
  }
}
