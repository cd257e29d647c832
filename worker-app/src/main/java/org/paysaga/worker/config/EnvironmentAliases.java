package org.paysaga.worker.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The connection variables the {@code saga} CLI reads (docs/cli.md) work for the worker too: each
 * one that is set becomes the Spring property that configures the worker the same way. They rank
 * below the Spring names ({@code SPRING_TEMPORAL_CONNECTION_APIKEY}, {@code --spring.temporal...})
 * and above application.yaml.
 *
 * <pre>
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
  static final Map<String, String> ALIASES = new LinkedHashMap<>();

  static {
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
