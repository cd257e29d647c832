package org.paysaga.worker.temporal;

import java.time.Duration;

/** Waits between retries of a start-up step, doubling the wait up to a ceiling. */
public final class Backoff {
  private final Duration max;
  private Duration next;

  public Backoff(Duration initial, Duration max) {
    this.next = initial;
    this.max = max;
  }

  /** Sleeps the current wait and doubles it; false when interrupted (the app is stopping). */
  public boolean sleep() {
    try {
      Thread.sleep(next.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    Duration doubled = next.multipliedBy(2);
    next = doubled.compareTo(max) > 0 ? max : doubled;
    return true;
  }

  /** The wait before the next attempt. */
  public Duration next() {
    return next;
  }
}
