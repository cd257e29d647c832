package org.paysaga.reliability.chaos;

/** Progress lines on stderr, stamped with the seconds since the run began; the table goes to stdout. */
final class RunLog {
  private final long begin = System.nanoTime();

  synchronized void line(String text) {
    System.err.printf("[%4ds] %s%n", (System.nanoTime() - begin) / 1_000_000_000L, text);
  }
}
