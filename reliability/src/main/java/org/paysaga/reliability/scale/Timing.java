package org.paysaga.reliability.scale;

import java.util.Arrays;
import org.paysaga.reliability.report.Percentiles;

/** Medians of repeated calls, after a few untimed ones (connection and JIT warm). */
final class Timing {
  private static final int WARMUP = 5;

  private Timing() {}

  /** The median of {@code repetitions} timed runs, in microseconds. */
  static double medianMicros(int repetitions, Runnable call) {
    return medianMicros(WARMUP, repetitions, call);
  }

  static double medianMicros(int warmup, int repetitions, Runnable call) {
    for (int i = 0; i < warmup; i++) {
      call.run();
    }
    long[] nanos = new long[repetitions];
    for (int i = 0; i < repetitions; i++) {
      long start = System.nanoTime();
      call.run();
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    return Percentiles.nearestRank(nanos, 0.5) / 1_000.0;
  }
}
