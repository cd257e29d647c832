package org.paysaga.saga;

/**
 * Where the sweeper stopped in the in-flight registry (sorted by start time): the next sweep looks
 * at sagas after this one, and wraps around at the end, so sagas that stay open a long time do not
 * keep the sweeper from ever reaching younger ones.
 *
 * @param closedSince when the last sweep that heard visibility out began (epoch ms): the next one
 *     asks visibility for the sagas closed since then. 0 when unknown: a first sweep, or a cursor
 *     recorded before this component existed (its JSON lacks the field, which reads as 0)
 */
public record SweepCursor(long afterScore, String afterSagaId, long closedSince) {
  public static final SweepCursor START = new SweepCursor(Long.MIN_VALUE, "", 0);

  /** The walk's position, kept from this cursor, with the visibility watermark given. */
  public SweepCursor withClosedSince(long sinceMillis) {
    return new SweepCursor(afterScore, afterSagaId, sinceMillis);
  }
}
