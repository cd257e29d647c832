package org.paysaga.worker.providers;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** saga.providers.*: the sandbox by default, and start-up errors that name the property. */
class ProvidersPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ProvidersProperties.class)
  static class Config {}

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
      .withUserConfiguration(Config.class);

  @Test
  void theSandboxByDefault() {
    runner.run(context -> {
      ProvidersProperties p = context.getBean(ProvidersProperties.class);
      assertThat(p.orders()).isEqualTo(ProviderKind.SANDBOX);
      assertThat(p.channel()).isEqualTo(ProviderKind.SANDBOX);
      assertThat(p.ledger()).isEqualTo(ProviderKind.SANDBOX);
      assertThat(p.usesPostgres()).isFalse();
    });
  }

  @Test
  void realProvidersWithTheirSettingsBindFromTheEnvironmentStyle() {
    runner.withPropertyValues("saga.providers.orders=postgres", "saga.providers.ledger=POSTGRES",
            "saga.providers.channel=http", "saga.providers.postgres.url=jdbc:postgresql://127.0.0.1:5432/paysaga",
            "saga.providers.postgres.poolsize=4", "saga.providers.http.baseurl=http://127.0.0.1:9000")
        .run(context -> {
          ProvidersProperties p = context.getBean(ProvidersProperties.class);
          assertThat(p.usesPostgres()).isTrue();
          assertThat(p.postgres().poolSize()).isEqualTo(4);
          assertThat(p.http().baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
        });
  }

  @Test
  void aPortGivenAnAdapterItCannotTakeIsNamed() {
    runner.withPropertyValues("saga.providers.channel=postgres").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("saga.providers.channel cannot be postgres"));
    runner.withPropertyValues("saga.providers.orders=stripe").run(context ->
        assertThat(context).getFailure().hasStackTraceContaining("saga.providers.orders"));
  }

  @Test
  void anAdapterWithoutItsSettingsIsNamed() {
    runner.withPropertyValues("saga.providers.ledger=postgres").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("saga.providers.postgres.url is required"));
    runner.withPropertyValues("saga.providers.channel=http").run(context ->
        assertThat(context).getFailure().rootCause().hasMessageContaining("saga.providers.http.base-url is required"));
  }
}
