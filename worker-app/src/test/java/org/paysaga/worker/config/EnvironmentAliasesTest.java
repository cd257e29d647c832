package org.paysaga.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.catalog.Defaults;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The CLI's connection variables configure the worker too, below the Spring names. */
class EnvironmentAliasesTest {

  @Test
  void cliVariablesBecomeWorkerProperties() {
    StandardEnvironment environment = environment(Map.of(
        "TEMPORAL_API_KEY", "key-123",
        "TEMPORAL_TLS_CERT", "/certs/client.pem",
        "TEMPORAL_TLS_KEY", "/certs/client.key",
        "TEMPORAL_TLS_CA", "/certs/ca.pem",
        "REDIS_PASSWORD", "s3cret",
        "TEMPORAL_TLS_SERVER_NAME", " "));
    environment.getPropertySources().addLast(new MapPropertySource("applicationConfig",
        Map.of("spring.temporal.connection.api-key", "from-yaml")));
    new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.connection.api-key")).isEqualTo("key-123");
    assertThat(environment.getProperty("spring.temporal.connection.mtls.cert-chain-file")).isEqualTo("/certs/client.pem");
    assertThat(environment.getProperty("spring.temporal.connection.mtls.key-file")).isEqualTo("/certs/client.key");
    assertThat(environment.getProperty("saga.temporal-tls.ca-file")).isEqualTo("/certs/ca.pem");
    assertThat(environment.getProperty("saga.redis.password")).isEqualTo("s3cret");
    assertThat(environment.getProperty("saga.temporal-tls.server-name")).as("blank means unset").isNull();
  }

  @Test
  void theDesignVariablesConfigureTemporalRedisAndTheTaskQueue() {
    StandardEnvironment environment = environment(Map.of(
        "TEMPORAL_ADDRESS", "temporal:7233", "TEMPORAL_NAMESPACE", "payments",
        "SAGA_TASK_QUEUE", "pay-eu", "REDIS_URL", "redis://redis:6379", "TEMPORAL_UI_URL", "http://ui:8233"));
    new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.connection.target")).isEqualTo("temporal:7233");
    assertThat(environment.getProperty("spring.temporal.namespace")).isEqualTo("payments");
    assertThat(environment.getProperty("saga.task-queue")).isEqualTo("pay-eu");
    assertThat(environment.getProperty("saga.redis.url")).isEqualTo("redis://redis:6379");
    assertThat(environment.getProperty("saga.temporal-ui-url")).isEqualTo("http://ui:8233");
  }

  @Test
  void withoutThemTheStarterGetsTheProductDefaults() {
    StandardEnvironment environment = environment(Map.of());
    new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());

    assertThat(environment.getProperty("spring.temporal.connection.target")).isEqualTo(Defaults.TEMPORAL_ADDRESS);
    assertThat(environment.getProperty("spring.temporal.namespace")).isEqualTo(Defaults.NAMESPACE);
  }

  @Test
  void springNamesWin() {
    StandardEnvironment environment = environment(Map.of(
        "TEMPORAL_API_KEY", "cli-key", "SPRING_TEMPORAL_CONNECTION_APIKEY", "spring-key"));
    new EnvironmentAliases().postProcessEnvironment(environment, new SpringApplication());
    // As Spring Boot binds it (relaxed names: SPRING_TEMPORAL_CONNECTION_APIKEY is ...api-key).
    assertThat(Binder.get(environment).bind("spring.temporal.connection.api-key", String.class).get())
        .isEqualTo("spring-key");
  }

  private static StandardEnvironment environment(Map<String, String> variables) {
    Map<String, Object> env = new HashMap<>(variables);
    StandardEnvironment environment = new StandardEnvironment() {
      @Override
      public Map<String, Object> getSystemEnvironment() {
        return env;
      }
    };
    environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new org.springframework.core.env.SystemEnvironmentPropertySource(
            StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, env));
    return environment;
  }
}
