package org.paysaga.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.wiring.SagaWorkerOptions;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The saga.* properties: their defaults, relaxed names, and startup errors naming the property. */
class SagaPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SagaProperties.class)
  static class Config {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Config.class);

  @Test
  void defaultsAreThoseOfTheDesign() {
    runner.run(context -> {
      SagaProperties p = context.getBean(SagaProperties.class);
      assertThat(p.taskQueue()).isEqualTo("payment-saga");
      assertThat(p.temporalUiUrl()).as("unset: derived from the Temporal address").isNull();
      assertThat(p.recovery().interval()).isEqualTo(Duration.ofMinutes(5));
      assertThat(p.recovery().giveUpAfter()).isEqualTo(Duration.ofDays(3));
      assertThat(p.sweeper().interval()).isEqualTo(Duration.ofMinutes(5));
      assertThat(p.sweeper().batchSize()).isEqualTo(10);
      assertThat(p.idempotency().ttl()).isEqualTo(Duration.ofDays(7));
      assertThat(p.shutdown().gracePeriod()).isEqualTo(Duration.ofSeconds(30));
      assertThat(p.redis().url()).isEqualTo("redis://127.0.0.1:6379");
      assertThat(p.redis().keyPrefix()).isEqualTo("saga");
      SagaWorkerOptions options = p.workerOptions();
      assertThat(options.catalog().steps(PaymentSaga.WORKFLOW_TYPE).orElseThrow())
          .extracting(s -> s.step() + "=" + s.startToClose()).containsExactly(
              "CreateOrder=PT30S", "CallPaymentChannel=PT1M", "CreditMerchant=PT30S", "CompleteOrder=PT30S");
      assertThat(options.sagaSettings().recoveryInterval()).isEqualTo(Duration.ofMinutes(5));
      assertThat(options.sweeper().batchSize()).isEqualTo(10);
      assertThat(options.stickyExecution()).isTrue();
      assertThat(options.keyspace().prefix()).isEqualTo("saga");
    });
  }

  @Test
  void stepTimeoutsBindFromYamlStyleAndEnvironmentStyleKeys() {
    runner.withPropertyValues(
            "saga.steps.CallPaymentChannel.start-to-close=90s",
            // what SAGA_STEPS_CREDITMERCHANT_STARTTOCLOSE=45s becomes
            "saga.steps.creditmerchant.starttoclose=45s",
            "saga.recovery.give-up-after=1h")
        .run(context -> {
          SagaProperties p = context.getBean(SagaProperties.class);
          assertThat(p.stepTimeouts()).isEqualTo(Map.of(
              "CallPaymentChannel", Duration.ofSeconds(90), "CreditMerchant", Duration.ofSeconds(45)));
          assertThat(p.workerOptions().catalog().steps(PaymentSaga.WORKFLOW_TYPE).orElseThrow())
              .extracting(s -> s.startToClose()).containsExactly(
              Duration.ofSeconds(30), Duration.ofSeconds(90), Duration.ofSeconds(45), Duration.ofSeconds(30));
          assertThat(p.recovery().giveUpAfter()).isEqualTo(Duration.ofHours(1));
        });
  }

  @Test
  void theKeyPrefixBindsFromTheEnvironmentStyleKey() {
    // what SAGA_REDIS_KEYPREFIX=pay-eu becomes
    runner.withPropertyValues("saga.redis.keyprefix=pay-eu")
        .run(context -> assertThat(context.getBean(SagaProperties.class).redis().keyPrefix()).isEqualTo("pay-eu"));
  }

  @Test
  void anUnknownStepStopsTheStartWithItsName() {
    assertStartFails(new String[] {"saga.steps.ChargeCard.start-to-close=10s"},
        "saga.steps.ChargeCard is not a step of a saga this worker runs",
        "CreateOrder, CallPaymentChannel, CreditMerchant, CompleteOrder", "DebitMerchant", "RefundCard");
  }

  @Test
  void badValuesStopTheStartNamingTheProperty() {
    assertStartFails(new String[] {"saga.sweeper.batch-size=0"}, "saga.sweeper.batch-size", "must be greater than or equal to 1");
    assertStartFails(new String[] {"saga.recovery.interval=0s"}, "saga.recovery.interval");
    assertStartFails(new String[] {"saga.recovery.give-up-after=soon"}, "saga.recovery.give-up-after", "soon");
    // 3 days of 30 s rounds: about 64,900 history events, past the 51,200 at which Temporal terminates a workflow.
    assertStartFails(new String[] {"saga.recovery.interval=30s"}, "saga.recovery.give-up-after (PT72H)",
        "saga.recovery.interval (PT30S)", "51,200", "give up sooner or retry less often");
    assertStartFails(new String[] {"saga.steps.CreateOrder.start-to-close=-5s"}, "saga.steps[CreateOrder].startToClose");
    assertStartFails(new String[] {"saga.task-queue= "}, "saga.task-queue", "must not be blank");
    assertStartFails(new String[] {"saga.redis.key-prefix=saga{eu}"}, "saga.redis.key-prefix", "without braces");
  }

  private void assertStartFails(String[] properties, String... messageParts) {
    runner.withPropertyValues(properties).run(context -> {
      assertThat(context).hasFailed();
      StringBuilder messages = new StringBuilder();
      for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
        messages.append(t.getMessage()).append('\n');
      }
      // Spring names a property as bound (saga.sweeper.batchSize) or as written (batch-size).
      String normalized = messages.toString().replace("-", "").toLowerCase(java.util.Locale.ROOT);
      for (String part : messageParts) {
        assertThat(normalized).as(messages.toString())
            .contains(part.replace("-", "").toLowerCase(java.util.Locale.ROOT));
      }
    });
  }
}
