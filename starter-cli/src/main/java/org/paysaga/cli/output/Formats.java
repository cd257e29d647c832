package org.paysaga.cli.output;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How times and durations read, for people and in JSON. */
public final class Formats {
  private Formats() {}

  /** Epoch ms as an ISO-8601 UTC instant with milliseconds; null for 0 (not known). */
  public static String instant(long epochMillis) {
    return epochMillis <= 0 ? null : Instant.ofEpochMilli(epochMillis).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /** {@code 850 ms}, {@code 12.3 s}, {@code 4 min 5 s}, {@code 2 h 3 min}, {@code 3 d 4 h}. */
  public static String duration(long millis) {
    if (millis < 0) {
      return "";
    }
    if (millis < 1_000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return seconds / 60 + " min" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    if (seconds < 86_400) {
      return seconds / 3600 + " h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + " min");
    }
    return seconds / 86_400 + " d" + (seconds % 86_400 / 3600 == 0 ? "" : " " + seconds % 86_400 / 3600 + " h");
  }
}
