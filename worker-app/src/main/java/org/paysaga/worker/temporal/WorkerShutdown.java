package org.paysaga.worker.temporal;

import io.temporal.worker.WorkerFactory;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Graceful stop of the workers when the app shuts down (SIGTERM): stop polling, let the activities
 * and workflow tasks already running finish within the grace period, then interrupt what is left.
 * Nothing is lost: Temporal hands an unfinished task to another worker (an activity after its
 * start-to-close timeout). Runs first of all lifecycle beans, while Redis, the Temporal connection
 * and the actuator are still up, and synchronously, so Spring's per-phase timeout does not cut it.
 */
public class WorkerShutdown implements SmartLifecycle {
  private static final Logger log = LoggerFactory.getLogger(WorkerShutdown.class);
  /** Time left for interrupted tasks to report back before the connection closes. */
  private static final Duration AFTER_INTERRUPT = Duration.ofSeconds(5);

  private final WorkerFactory workerFactory;
  private final Duration gracePeriod;
  private volatile boolean running;

  public WorkerShutdown(WorkerFactory workerFactory, Duration gracePeriod) {
    this.workerFactory = workerFactory;
    this.gracePeriod = gracePeriod;
  }

  @Override
  public void start() {
    running = true; // the starter starts the workers once the app is ready
  }

  @Override
  public void stop() {
    running = false;
    if (!workerFactory.isStarted() || workerFactory.isTerminated()) {
      return;
    }
    long began = System.nanoTime();
    log.info("Shutting down: workers stop polling; running activities have {} to finish", gracePeriod);
    workerFactory.shutdown();
    workerFactory.awaitTermination(gracePeriod.toMillis(), TimeUnit.MILLISECONDS);
    if (workerFactory.isTerminated()) {
      log.info("Workers stopped cleanly in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
      return;
    }
    log.warn("Activities still running after the {} grace period are interrupted; "
        + "Temporal retries them on another worker", gracePeriod);
    workerFactory.shutdownNow();
    workerFactory.awaitTermination(AFTER_INTERRUPT.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops before everything else (web server, connections). */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE;
  }
}
