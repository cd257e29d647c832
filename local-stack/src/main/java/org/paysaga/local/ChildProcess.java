package org.paysaga.local;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A server process the local stack started and must not outlive the JVM. The stack's bean stops it
 * after the workers (Spring destroys it after every bean that talks to it); a last-resort shutdown
 * hook kills it only if the app did not within a minute, so it never races Spring's graceful stop.
 */
final class ChildProcess {
  private final Process process;
  private final CountDownLatch stopped = new CountDownLatch(1);

  ChildProcess(Process process, String name) {
    this.process = process;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        if (!stopped.await(60, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
      }
    }, name + "-last-resort"));
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, SIGKILL after the grace period. */
  void stop(Duration grace) {
    try {
      process.destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      stopped.countDown();
    }
  }
}
