package org.paysaga.reliability.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Injects the planned faults in order on a thread of its own, so payments keep being started while
 * a worker is down or Redis restarts; a fault waits for the one before it to finish (a restarted
 * worker is healthy before Redis goes down).
 */
final class FaultInjector implements AutoCloseable {
  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "fault-injector");
    thread.setDaemon(true);
    return thread;
  });
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final Consumer<String> log;

  FaultInjector(Consumer<String> log) {
    this.log = log;
  }

  void inject(Fault fault) {
    executor.submit(() -> {
      log.accept("fault at payment " + fault.atPayment() + ": " + fault.description());
      long started = System.nanoTime();
      try {
        fault.action().run();
        log.accept("fault done in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms: "
            + fault.description());
      } catch (RuntimeException e) {
        errors.add(fault.description() + ": " + e.getMessage());
        log.accept("fault FAILED: " + fault.description() + ": " + e.getMessage());
      }
    });
  }

  /** Waits for every injected fault to finish; the faults that failed. */
  List<String> awaitAll(Duration timeout) {
    executor.shutdown();
    try {
      if (!executor.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        errors.add("faults still running after " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      errors.add("interrupted while waiting for the faults");
    }
    return List.copyOf(errors);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
