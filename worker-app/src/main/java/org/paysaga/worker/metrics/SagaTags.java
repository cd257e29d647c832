package org.paysaga.worker.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.temporal.serviceclient.MetricsTag;
import java.util.List;
import java.util.Set;
import org.paysaga.saga.SagaMetrics;

/**
 * Keeps the saga metrics' tags to the ones that mean something: the saga's own
 * ({@code saga_type}, {@code step}, {@code status}) and where it ran ({@code namespace},
 * {@code task_queue}, {@code workflow_type}). The workflow metrics scope also carries the SDK's
 * placeholder tags ({@code activity_type="none"}, {@code signal_name="none"}...) and
 * {@code worker_type}; dropping them keeps the series readable and their tag keys fixed whatever
 * the SDK version adds, which Prometheus requires of every series of one name.
 */
public final class SagaTags implements MeterFilter {
  static final Set<String> KEPT = Set.of(SagaMetrics.SAGA_TYPE, SagaMetrics.STEP, SagaMetrics.STATUS,
      MetricsTag.NAMESPACE, MetricsTag.TASK_QUEUE, MetricsTag.WORKFLOW_TYPE);

  @Override
  public Meter.Id map(Meter.Id id) {
    if (!id.getName().startsWith("saga_")) {
      return id;
    }
    List<Tag> kept = id.getTags().stream().filter(t -> KEPT.contains(t.getKey())).toList();
    return kept.size() == id.getTags().size() ? id : id.replaceTags(kept);
  }
}
