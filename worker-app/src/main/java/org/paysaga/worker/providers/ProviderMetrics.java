package org.paysaga.worker.providers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.activity.ServicePort;

/**
 * {@code saga_provider_calls_seconds{port, step, outcome}}: every payment service call the
 * activities make, timed, whatever the adapter (the sandbox, PostgreSQL, HTTP or a user's own).
 */
final class ProviderMetrics implements ServiceCallObserver {
  static final String NAME = "saga.provider.calls";

  private final MeterRegistry registry;

  ProviderMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void called(ServicePort port, String step, Outcome outcome, Duration took) {
    Timer.builder(NAME)
        .description("Payment service calls by port, step and outcome")
        .tag("port", port.label())
        .tag("step", step)
        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
        .register(registry)
        .record(took);
  }
}
