package org.paysaga.saga;

/**
 * Where the sweeper stopped in the in-flight registry (sorted by start time): the next sweep looks
 * at sagas after this one, and wraps around at the end, so sagas that stay open a long time do not
 * keep the sweeper from ever reaching younger ones.
 */
public record SweepCursor(long afterScore, String afterSagaId) {
  public static final SweepCursor START = new SweepCursor(Long.MIN_VALUE, "");
}
