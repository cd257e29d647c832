package org.paysaga.worker.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paysaga.catalog.Defaults;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The variables the {@code saga} CLI reads (docs/cli.md) work for the worker too: each one that is
 * set becomes the Spring property that configures the worker the same way. They rank below the
 * Spring names ({@code SPRING_TEMPORAL_CONNECTION_TARGET}, {@code --spring.temporal...}) and above
 * application.yaml. Spring's relaxed binding cannot do this itself: {@code TEMPORAL_ADDRESS} is not
 * the environment form of {@code spring.temporal.connection.target}. The Temporal starter's two
 * settings without a default get the product's ({@link Defaults}), below everything else.
 *
 * <pre>
 * TEMPORAL_ADDRESS         spring.temporal.connection.target
 * TEMPORAL_NAMESPACE       spring.temporal.namespace
 * SAGA_TASK_QUEUE          saga.task-queue
 * REDIS_URL                saga.redis.url
 * TEMPORAL_UI_URL          saga.temporal-ui-url
 * TEMPORAL_TLS             spring.temporal.connection.enable-https
 * TEMPORAL_API_KEY         spring.temporal.connection.api-key
 * TEMPORAL_TLS_CERT        spring.temporal.connection.mtls.cert-chain-file
 * TEMPORAL_TLS_KEY         spring.temporal.connection.mtls.key-file
 * TEMPORAL_TLS_CA          saga.temporal-tls.ca-file
 * TEMPORAL_TLS_SERVER_NAME saga.temporal-tls.server-name
 * REDIS_USERNAME           saga.redis.username
 * REDIS_PASSWORD           saga.redis.password
 * REDIS_TLS_CA             saga.redis.tls-ca-file
 * </pre>
 */
public final class EnvironmentAliases implements EnvironmentPostProcessor, Ordered {
  public static final String SOURCE = "sagaEnvironmentAliases";
  public static final String DEFAULTS_SOURCE = "sagaTemporalDefaults";
  static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
    ALIASES.put("TEMPORAL_ADDRESS", "spring.temporal.connection.target");
    ALIASES.put("TEMPORAL_NAMESPACE", "spring.temporal.namespace");
    ALIASES.put("SAGA_TASK_QUEUE", "saga.task-queue");
    ALIASES.put("REDIS_URL", "saga.redis.url");
    ALIASES.put("TEMPORAL_UI_URL", "saga.temporal-ui-url");
    ALIASES.put("TEMPORAL_TLS", "spring.temporal.connection.enable-https");
    ALIASES.put("TEMPORAL_API_KEY", "spring.temporal.connection.api-key");
    ALIASES.put("TEMPORAL_TLS_CERT", "spring.temporal.connection.mtls.cert-chain-file");
    ALIASES.put("TEMPORAL_TLS_KEY", "spring.temporal.connection.mtls.key-file");
    ALIASES.put("TEMPORAL_TLS_CA", "saga.temporal-tls.ca-file");
    ALIASES.put("TEMPORAL_TLS_SERVER_NAME", "saga.temporal-tls.server-name");
    ALIASES.put("REDIS_USERNAME", "saga.redis.username");
    ALIASES.put("REDIS_PASSWORD", "saga.redis.password");
    ALIASES.put("REDIS_TLS_CA", "saga.redis.tls-ca-file");
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_SOURCE, Map.of(
        "spring.temporal.connection.target", Defaults.TEMPORAL_ADDRESS,
        "spring.temporal.namespace", Defaults.NAMESPACE)));
    Map<String, Object> properties = new LinkedHashMap<>();
    Map<String, Object> system = environment.getSystemEnvironment();
    ALIASES.forEach((variable, property) -> {
      Object value = system.get(variable);
      if (value != null && !value.toString().isBlank()) {
        properties.put(property, value.toString().strip());
      }
    });
    if (properties.isEmpty()) {
      return;
    }
    MapPropertySource source = new MapPropertySource(SOURCE, properties);
    if (environment.getPropertySources().contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
      environment.getPropertySources().addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
    } else {
      environment.getPropertySources().addLast(source);
    }
  }

  /** After the config data (application.yaml) is loaded. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
