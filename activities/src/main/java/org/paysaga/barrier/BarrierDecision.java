package org.paysaga.barrier;

/**
 * The barrier's answer before a step's phase acts outside Redis.
 *
 * @param verdict what to do
 * @param recorded the result recorded by the first time (for {@link Verdict#REPLAYED})
 */
public record BarrierDecision(Verdict verdict, String recorded) {
  public enum Verdict {
    /** Act now, then {@link IdempotencyBarrier#record}. */
    PROCEED,
    /** It acted before: return {@link #recorded()} without acting again. */
    REPLAYED,
    /** A forward whose compensation was recorded first: refuse, non-retryably, without acting. */
    HANGING,
    /** A compensation whose forward never took effect: nothing to undo (now recorded). */
    NOTHING_TO_DO
  }
}
