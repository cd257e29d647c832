package org.paysaga.saga;

import com.uber.m3.tally.Scope;
import java.util.Map;
import io.temporal.workflow.Workflow;
import com.uber.m3.util.Duration;

/**
 * The names of the eight saga metrics and their labels, defined once for the workflow code that
 * emits the counters and timers and for the worker that registers them and the two gauges. They go through
 * {@link Workflow#getMetricsScope()}, which drops updates while the workflow replays, so a replay
 * or a worker restart never counts a saga, a step or a compensation twice. The worker app's
 * Micrometer registry turns them into Prometheus series.
 */
public final class SagaMetrics {
  public static final String SAGA_TOTAL = "saga_total";
  public static final String SAGA_DURATION = "saga_duration_seconds";
  public static final String STEP_TOTAL = "saga_step_total";
  public static final String STEP_DURATION = "saga_step_duration_seconds";
  public static final String COMPENSATION_TOTAL = "saga_compensation_total";
  public static final String COMPENSATION_RETRIES = "saga_compensation_retries";
  /** Gauges, read from Redis by the worker. */
  public static final String IN_PROGRESS = "saga_in_progress";
  public static final String DLQ_SIZE = "saga_dlq_size";

  public static final String SAGA_TYPE = "saga_type";
  public static final String STEP = "step";
  public static final String STATUS = "status";
  /** {@code status} of a step or a compensation. */
  public static final String SUCCESS = "success";
  public static final String FAILED = "failed";

  private final String sagaType;

  SagaMetrics(String sagaType) {
    this.sagaType = sagaType;
  }

  void sagaEnded(SagaStatus status, long durationMillis) {
    Scope scope = scope(Map.of(SAGA_TYPE, sagaType, STATUS, status.metricLabel()));
    scope.counter(SAGA_TOTAL).inc(1);
    scope(Map.of(SAGA_TYPE, sagaType)).timer(SAGA_DURATION).record(Duration.ofMillis(durationMillis));
  }

  void stepEnded(String step, boolean succeeded, long durationMillis) {
    scope(Map.of(SAGA_TYPE, sagaType, STEP, step, STATUS, label(succeeded)))
        .counter(STEP_TOTAL).inc(1);
    scope(Map.of(SAGA_TYPE, sagaType, STEP, step))
        .timer(STEP_DURATION).record(Duration.ofMillis(durationMillis));
  }

  void compensationEnded(String step, boolean succeeded, int attempts) {
    scope(Map.of(SAGA_TYPE, sagaType, STEP, step, STATUS, label(succeeded)))
        .counter(COMPENSATION_TOTAL).inc(1);
    if (attempts > 1) {
      scope(Map.of(SAGA_TYPE, sagaType, STEP, step))
          .counter(COMPENSATION_RETRIES).inc(attempts - 1L);
    }
  }

  private static String label(boolean succeeded) {
    return succeeded ? SUCCESS : FAILED;
  }

  private static Scope scope(Map<String, String> tags) {
    return Workflow.getMetricsScope().tagged(tags);
  }
}
