package org.paysaga.sweeper;

import java.time.Duration;
import java.time.Instant;
import org.paysaga.saga.SweepCursor;

/** From when a sweep asks visibility for the sagas that closed unfinished. */
final class ClosedSince {
  /**
   * Visibility on a real cluster indexes a close a moment after it happened (seconds, more under
   * load): each query reaches this far back before the previous sweep began, so a close indexed
   * late is still named. One indexed later still is left to the registry walk.
   */
  static final Duration OVERLAP = Duration.ofMinutes(1);

  /**
   * A cursor without a watermark (the first sweep, or one recorded before cursors carried it)
   * looks back this many sweep intervals: the sweep before it ran about one interval ago.
   */
  static final int LOOKBACK_INTERVALS = 2;

  private ClosedSince() {}

  static Instant of(SweepCursor cursor, Duration interval, long nowMillis) {
    return cursor.closedSince() == 0
        ? Instant.ofEpochMilli(nowMillis).minus(interval.multipliedBy(LOOKBACK_INTERVALS))
        : Instant.ofEpochMilli(cursor.closedSince()).minus(OVERLAP);
  }
}
