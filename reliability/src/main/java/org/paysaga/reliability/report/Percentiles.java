package org.paysaga.reliability.report;

/** Nearest-rank percentiles: always a value that was measured, never an interpolation. */
public final class Percentiles {
  private Percentiles() {}

  /** The {@code quantile} (0..1) of ascending {@code sorted} values; -1 when there are none. */
  public static long nearestRank(long[] sorted, double quantile) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(quantile * sorted.length);
    return sorted[Math.max(0, rank - 1)];
  }
}
