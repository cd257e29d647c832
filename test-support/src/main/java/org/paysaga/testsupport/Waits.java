package org.paysaga.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Bounded polling for the process launcher and for code that ships (the chaos run, the
 * benchmark), where Awaitility, a test library, has no place. Tests use Awaitility.
 */
public final class Waits {
  private static final Duration POLL = Duration.ofMillis(100);

  private Waits() {}

  /** Polls until the condition holds; past the timeout, fails naming what it waited for. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up after " + timeout.toSeconds() + " s waiting for " + what);
      }
      pause(POLL);
    }
  }

  /** A pause on purpose (pacing, a backoff, a server left down a while), not a wait for something. */
  public static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
