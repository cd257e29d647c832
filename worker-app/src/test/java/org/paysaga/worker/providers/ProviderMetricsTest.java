package org.paysaga.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.paysaga.activity.ServiceCallObserver.Outcome;
import org.paysaga.activity.ServicePort;

/** saga_provider_calls_seconds: one timer per port, step and outcome; the outcome in lower case. */
class ProviderMetricsTest {
  @Test
  void everyCallIsTimedByPortStepAndOutcome() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    ProviderMetrics metrics = new ProviderMetrics(registry);

    metrics.called(ServicePort.CHANNEL, "CallPaymentChannel", Outcome.SUCCESS, Duration.ofMillis(40));
    metrics.called(ServicePort.CHANNEL, "CallPaymentChannel", Outcome.SUCCESS, Duration.ofMillis(60));
    metrics.called(ServicePort.LEDGER, "CreditMerchant", Outcome.UNAVAILABLE, Duration.ofMillis(5));

    Timer charges = registry.get(ProviderMetrics.NAME).tags("port", "channel", "step", "CallPaymentChannel",
        "outcome", "success").timer();
    assertThat(charges.count()).isEqualTo(2);
    assertThat(charges.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(100);
    assertThat(registry.get(ProviderMetrics.NAME).tags("port", "ledger", "outcome", "unavailable").timer().count())
        .isEqualTo(1);
  }
}
