package org.paysaga.reliability.stack;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded polling: every wait of the stack has a deadline and says what it waited for. */
public final class Waits {
  private Waits() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("gave up after " + timeout.toSeconds() + " s waiting for " + what);
      }
      sleep(Duration.ofMillis(200));
    }
  }

  public static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
