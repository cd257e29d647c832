package org.paysaga.reliability.chaos;

import java.util.Locale;

/** One row of the run's table: a measured value, its target and whether it met it. */
public record Figure(String name, String value, String target, boolean met) {

  public static Figure count(String name, long value, long maximum) {
    return new Figure(name, Long.toString(value), maximum == 0 ? "0" : "<= " + maximum, value <= maximum);
  }

  /** A ratio that must stay above {@code minimum}; an empty denominator meets it vacuously. */
  public static Figure rateAbove(String name, long numerator, long denominator, double minimum) {
    double rate = denominator == 0 ? 1.0 : (double) numerator / denominator;
    String value = String.format(Locale.ROOT, "%.2f %% (%d/%d)", rate * 100, numerator, denominator);
    return new Figure(name, value, String.format(Locale.ROOT, "> %.0f %%", minimum * 100), rate > minimum);
  }

  public static Figure secondsBelow(String name, long millis, double maximumSeconds) {
    return new Figure(name, String.format(Locale.ROOT, "%.1f s", millis / 1000.0), String.format(Locale.ROOT, "< %.0f s", maximumSeconds),
        millis >= 0 && millis < maximumSeconds * 1000);
  }

  /** A figure reported for information, without a target. */
  public static Figure info(String name, String value) {
    return new Figure(name, value, "", true);
  }
}
