package org.paysaga.worker.metrics;

import org.paysaga.saga.SagaMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * {@code saga_in_progress} and {@code saga_dlq_size}, read from Redis (the in-flight registry and
 * the DLQ index), so every replica reports the same, right figure, also after restarts. A
 * background thread reads them every refresh interval; a scrape only reads the cached values and
 * never waits for Redis. When Redis cannot be read for three intervals the gauges show NaN rather
 * than an old figure.
 */
public final class RedisSagaGauges implements DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RedisSagaGauges.class);

  private final LongSupplier inflight;
  private final LongSupplier dlq;
  private final Duration refresh;
  private final ScheduledExecutorService scheduler;
  private volatile double inProgress = Double.NaN;
  private volatile double dlqSize = Double.NaN;
  private volatile long readAtNanos;
  private volatile boolean read;
  private volatile boolean failing;

  public RedisSagaGauges(MeterRegistry registry, LongSupplier inflight, LongSupplier dlq, Duration refresh) {
    this.inflight = inflight;
    this.dlq = dlq;
    this.refresh = refresh;
    Gauge.builder(SagaMetrics.IN_PROGRESS, this, RedisSagaGauges::inProgress)
        .description("Sagas started and not yet ended or parked (Redis saga:{inflight})")
        .register(registry);
    Gauge.builder(SagaMetrics.DLQ_SIZE, this, RedisSagaGauges::dlqSize)
        .description("Sagas parked in the dead-letter queue (Redis saga:{dlq}:index)")
        .register(registry);
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "saga-gauges");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::refresh, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads both figures now (the scheduler calls it every interval). */
  public void refresh() {
    try {
      long inflightNow = inflight.getAsLong();
      long dlqNow = dlq.getAsLong();
      inProgress = inflightNow;
      dlqSize = dlqNow;
      readAtNanos = System.nanoTime();
      read = true;
      if (failing) {
        log.info("saga gauges: Redis answers again");
        failing = false;
      }
    } catch (RuntimeException e) {
      if (!failing) {
        log.warn("saga gauges: cannot read Redis ({}); saga_in_progress and saga_dlq_size go NaN "
            + "if it stays so", e.getMessage());
        failing = true;
      }
    }
  }

  double inProgress() {
    return fresh() ? inProgress : Double.NaN;
  }

  double dlqSize() {
    return fresh() ? dlqSize : Double.NaN;
  }

  private boolean fresh() {
    return read && System.nanoTime() - readAtNanos <= refresh.multipliedBy(3).toNanos();
  }

  @Override
  public void destroy() {
    scheduler.shutdownNow();
  }
}
