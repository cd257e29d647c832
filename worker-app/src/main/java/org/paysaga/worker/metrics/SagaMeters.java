package org.paysaga.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.temporal.serviceclient.MetricsTag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.saga.SagaCompensation;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepDefinition;

/**
 * The saga metrics (docs/worker-app.md "Metrics"). The workflow code emits them through
 * {@code Workflow.getMetricsScope()} (replay-safe), which the Temporal starter connects to this
 * app's Micrometer registry; this class only registers every series a saga type can produce at
 * zero when the worker starts.
 *
 * <p>Why: Prometheus computes {@code rate()} and {@code increase()} from the difference between
 * samples, so a series that first appears with the value 1 loses that first saga. Registered at 0
 * when the worker starts, the first saga of each kind is counted. The tags are the ones the
 * workflow metrics scope carries (namespace, task queue, workflow type) as {@link SagaTags} keeps
 * them, so these are the very series the workflows later increment.
 */
public final class SagaMeters {
  public static final String SAGA_TOTAL = "saga_total";
  public static final String SAGA_DURATION = "saga_duration_seconds";
  public static final String STEP_TOTAL = "saga_step_total";
  public static final String STEP_DURATION = "saga_step_duration_seconds";
  public static final String COMPENSATION_TOTAL = "saga_compensation_total";
  public static final String COMPENSATION_RETRIES = "saga_compensation_retries";
  public static final String IN_PROGRESS = "saga_in_progress";
  public static final String DLQ_SIZE = "saga_dlq_size";

  /** Saga outcomes as {@code saga_total{status}} shows them. */
  public static final List<String> SAGA_STATUSES = List.of(
      SagaStatus.COMPLETED.metricLabel(), SagaStatus.COMPENSATED.metricLabel(),
      SagaStatus.FAILED.metricLabel(), SagaStatus.DLQ.metricLabel(), SagaStatus.RESOLVED.metricLabel());
  public static final List<String> STEP_STATUSES = List.of("success", "failed");

  private SagaMeters() {}

  /**
   * Registers at zero every series of every saga type of the catalog: the saga's own workflow
   * (all of them) and the generic compensation workflow (outcomes and compensations).
   */
  public static void registerAtZero(MeterRegistry registry, SagaCatalog catalog, String namespace, String taskQueue) {
    catalog.all().forEach((sagaType, steps) -> {
      register(registry, workflowScope(namespace, taskQueue, sagaType), sagaType, steps, true);
      register(registry, workflowScope(namespace, taskQueue, SagaCompensation.WORKFLOW_TYPE), sagaType, steps, false);
    });
  }

  private static void register(MeterRegistry registry, Map<String, String> scope, String sagaType,
      List<StepDefinition> steps, boolean forwardSteps) {
    for (String status : SAGA_STATUSES) {
      Counter.builder(SAGA_TOTAL).tags(tags(scope, "saga_type", sagaType, "status", status)).register(registry);
    }
    Timer.builder(SAGA_DURATION).tags(tags(scope, "saga_type", sagaType)).register(registry);
    for (StepDefinition step : steps) {
      if (forwardSteps) {
        for (String status : STEP_STATUSES) {
          Counter.builder(STEP_TOTAL)
              .tags(tags(scope, "saga_type", sagaType, "step", step.step(), "status", status)).register(registry);
        }
        Timer.builder(STEP_DURATION).tags(tags(scope, "saga_type", sagaType, "step", step.step())).register(registry);
      }
      if (step.compensation() != null) {
        for (String status : STEP_STATUSES) {
          Counter.builder(COMPENSATION_TOTAL)
              .tags(tags(scope, "saga_type", sagaType, "step", step.step(), "status", status)).register(registry);
        }
        Counter.builder(COMPENSATION_RETRIES)
            .tags(tags(scope, "saga_type", sagaType, "step", step.step())).register(registry);
      }
    }
  }

  /**
   * The tags of {@code Workflow.getMetricsScope()} in a workflow of this type that {@link SagaTags}
   * keeps.
   */
  static Map<String, String> workflowScope(String namespace, String taskQueue, String workflowType) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put(MetricsTag.NAMESPACE, namespace);
    tags.put(MetricsTag.TASK_QUEUE, taskQueue);
    tags.put(MetricsTag.WORKFLOW_TYPE, workflowType);
    return tags;
  }

  private static List<Tag> tags(Map<String, String> scope, String... keyValues) {
    Map<String, String> all = new LinkedHashMap<>(scope);
    for (int i = 0; i < keyValues.length; i += 2) {
      all.put(keyValues[i], keyValues[i + 1]);
    }
    List<Tag> tags = new ArrayList<>(all.size());
    all.forEach((k, v) -> tags.add(Tag.of(k, v)));
    return tags;
  }
}
