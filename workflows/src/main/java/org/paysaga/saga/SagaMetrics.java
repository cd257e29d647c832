package org.paysaga.saga;

import com.uber.m3.tally.Scope;
import java.util.Map;
import io.temporal.workflow.Workflow;
import com.uber.m3.util.Duration;

/**
 * The saga metrics that workflow code emits (names: docs/worker-app.md "Metrics"). They go through
 * {@link Workflow#getMetricsScope()}, which drops updates while the workflow replays, so a replay
 * or a worker restart never counts a saga, a step or a compensation twice. The worker app's
 * Micrometer registry turns them into Prometheus series.
 */
final class SagaMetrics {
  static final String SAGA_TOTAL = "saga_total";
  static final String SAGA_DURATION = "saga_duration_seconds";
  static final String STEP_TOTAL = "saga_step_total";
  static final String STEP_DURATION = "saga_step_duration_seconds";
  static final String COMPENSATION_TOTAL = "saga_compensation_total";
  static final String COMPENSATION_RETRIES = "saga_compensation_retries";

  private static final String SUCCESS = "success";
  private static final String FAILED = "failed";

  private final String sagaType;

  SagaMetrics(String sagaType) {
    this.sagaType = sagaType;
  }

  void sagaEnded(SagaStatus status, long durationMillis) {
    Scope scope = scope(Map.of("saga_type", sagaType, "status", status.metricLabel()));
    scope.counter(SAGA_TOTAL).inc(1);
    scope(Map.of("saga_type", sagaType)).timer(SAGA_DURATION).record(Duration.ofMillis(durationMillis));
  }

  void stepEnded(String step, boolean succeeded, long durationMillis) {
    scope(Map.of("saga_type", sagaType, "step", step, "status", label(succeeded)))
        .counter(STEP_TOTAL).inc(1);
    scope(Map.of("saga_type", sagaType, "step", step))
        .timer(STEP_DURATION).record(Duration.ofMillis(durationMillis));
  }

  void compensationEnded(String step, boolean succeeded, int attempts) {
    scope(Map.of("saga_type", sagaType, "step", step, "status", label(succeeded)))
        .counter(COMPENSATION_TOTAL).inc(1);
    if (attempts > 1) {
      scope(Map.of("saga_type", sagaType, "step", step))
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
