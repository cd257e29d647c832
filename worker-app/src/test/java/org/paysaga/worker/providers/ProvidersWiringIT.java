package org.paysaga.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentServices;
import org.paysaga.providers.http.HttpPaymentChannel;
import org.paysaga.providers.postgres.PostgresLedger;
import org.paysaga.providers.postgres.PostgresOrders;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testsupport.PostgresTestServer;
import org.paysaga.testsupport.PspSimulatorProcess;
import org.paysaga.wiring.SagaWorkerOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * saga.providers.* on the real parts: a PostgreSQL of Debian's and the payment-provider simulator
 * as a process. The picked adapters serve a payment, their health follows the services, and bad
 * settings stop the start naming the property.
 */
class ProvidersWiringIT {
  private static PostgresTestServer postgres;
  private static PspSimulatorProcess simulator;

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ProvidersAutoConfiguration.class))
      .withBean(SagaWorkerOptions.class, SagaWorkerOptions::create)
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
      .withBean(RedisClusterCommands.class, () -> RedisTestServer.get().commands());

  @BeforeAll
  static void startServices() throws Exception {
    postgres = PostgresTestServer.start();
    simulator = PspSimulatorProcess.start("providers-wiring");
  }

  @AfterAll
  static void stopServices() {
    if (simulator != null) {
      simulator.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  private ApplicationContextRunner onRealProviders() {
    return runner.withPropertyValues("saga.providers.orders=postgres", "saga.providers.ledger=postgres",
        "saga.providers.channel=http", "saga.providers.postgres.url=" + postgres.jdbcUrl(),
        "saga.providers.postgres.username=" + postgres.username(),
        "saga.providers.postgres.password=" + postgres.password(),
        "saga.providers.http.base-url=" + simulator.baseUrl(), "saga.providers.http.api-key=" + simulator.apiKey());
  }

  @Test
  void thePickedAdaptersServeAPaymentAndReportHealthy() {
    onRealProviders().run(context -> {
      PaymentServices services = context.getBean(PaymentServices.class);
      assertThat(services.orders()).isInstanceOf(PostgresOrders.class);
      assertThat(services.channel()).isInstanceOf(HttpPaymentChannel.class);
      assertThat(services.ledger()).isInstanceOf(PostgresLedger.class);
      assertThat(ProviderNames.describe(services)).isEqualTo("orders=postgres channel=http ledger=postgres");

      Payment payment = new Payment("wiring-" + System.nanoTime(), "m_shop", 1234, "CNY", "tok_visa");
      String key = "payment-" + payment.paymentNo() + ":";
      assertThat(services.orders().create(key + "CreateOrder", payment)).isNotBlank();
      String charge = services.channel().charge(key + "CallPaymentChannel", payment);
      assertThat(services.channel().findCharge(key + "CallPaymentChannel")).contains(charge);
      assertThat(services.ledger().credit(key + "CreditMerchant", payment)).isNotBlank();

      PaymentServicesHealthIndicator health = context.getBean(PaymentServicesHealthIndicator.class);
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
      assertThat(health.health().getDetails()).containsKeys("postgres", "http");
    });
  }

  @Test
  void healthGoesDownWithTheProvider() {
    onRealProviders().run(context -> {
      PaymentServicesHealthIndicator health = context.getBean(PaymentServicesHealthIndicator.class);
      simulator.kill();
      try {
        assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.health().getDetails().get("http").toString()).startsWith("DOWN");
      } finally {
        simulator.startAgain();
      }
      assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    });
  }

  @Test
  void badSettingsStopTheStartNamingTheProperty() {
    runner.withPropertyValues("saga.providers.ledger=postgres", "saga.providers.postgres.url=" + postgres.jdbcUrl())
        .run(context -> assertThat(context).getFailure().hasStackTraceContaining("saga.providers.postgres: username"));
    runner.withPropertyValues("saga.providers.channel=http", "saga.providers.http.base-url=ftp://psp.example.com")
        .run(context -> assertThat(context).getFailure().hasStackTraceContaining("saga.providers.http"));
  }
}
