package org.paysaga.cli.connect;

import java.util.List;
import java.util.Map;
import org.paysaga.catalog.Defaults;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Defaults of the global options: the first of the option's environment variables that is set and
 * not blank, otherwise the default ({@link Defaults}). The TLS and API key
 * options also read the worker app's variables ({@code SPRING_TEMPORAL_CONNECTION_*}), so a shell
 * set up for the worker reaches the same Temporal.
 */
public final class EnvironmentDefaults implements IDefaultValueProvider {
  /** Option -> its environment variables, first wins, and the fallback (null: none). */
  public static final Map<String, Default> DEFAULTS = Map.ofEntries(
      Map.entry("--temporal-address", new Default(List.of("TEMPORAL_ADDRESS"), Defaults.TEMPORAL_ADDRESS)),
      Map.entry("--namespace", new Default(List.of("TEMPORAL_NAMESPACE"), Defaults.NAMESPACE)),
      Map.entry("--task-queue", new Default(List.of("SAGA_TASK_QUEUE"), Defaults.TASK_QUEUE)),
      Map.entry("--redis-url", new Default(List.of("REDIS_URL"), Defaults.REDIS_URL)),
      // No fallback: GlobalOptions derives the UI from the Temporal address (TemporalUi.defaultUrl).
      Map.entry("--ui-url", new Default(List.of("TEMPORAL_UI_URL"), null)),
      Map.entry("--tls", new Default(List.of("TEMPORAL_TLS", "SPRING_TEMPORAL_CONNECTION_ENABLEHTTPS"), null)),
      Map.entry("--tls-cert",
          new Default(List.of("TEMPORAL_TLS_CERT", "SPRING_TEMPORAL_CONNECTION_MTLS_CERTCHAINFILE"), null)),
      Map.entry("--tls-key", new Default(List.of("TEMPORAL_TLS_KEY", "SPRING_TEMPORAL_CONNECTION_MTLS_KEYFILE"), null)),
      Map.entry("--tls-ca", new Default(List.of("TEMPORAL_TLS_CA"), null)),
      Map.entry("--tls-server-name",
          new Default(List.of("TEMPORAL_TLS_SERVER_NAME", "SPRING_TEMPORAL_CONNECTION_MTLS_SERVERNAME"), null)),
      Map.entry("--api-key", new Default(List.of("TEMPORAL_API_KEY", "SPRING_TEMPORAL_CONNECTION_APIKEY"), null)),
      Map.entry("--redis-password", new Default(List.of("REDIS_PASSWORD"), null)),
      Map.entry("--redis-username", new Default(List.of("REDIS_USERNAME"), null)),
      Map.entry("--redis-ca", new Default(List.of("REDIS_TLS_CA"), null)),
      Map.entry("--redis-cluster", new Default(List.of("SAGA_REDIS_CLUSTER"), null)),
      Map.entry("--redis-key-prefix", new Default(List.of("SAGA_REDIS_KEYPREFIX"), Defaults.KEY_PREFIX)),
      Map.entry("--codec-key-file", new Default(List.of("SAGA_CODEC_KEYFILE"), null)),
      Map.entry("--codec-keys", new Default(List.of("SAGA_CODEC_KEYS"), null)),
      Map.entry("--codec", new Default(List.of("SAGA_CODEC_ENABLED"), "true")),
      Map.entry("--idempotency-ttl", new Default(List.of("SAGA_IDEMPOTENCY_TTL"), Defaults.IDEMPOTENCY_TTL.toDays() + "d")));

  /** The environment variables of an option, first wins, and its fallback. */
  public record Default(List<String> variables, String fallback) {}

  private final Map<String, String> environment;

  public EnvironmentDefaults(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public String defaultValue(ArgSpec argSpec) {
    if (!(argSpec instanceof OptionSpec option)) {
      return null;
    }
    Default spec = DEFAULTS.get(option.longestName());
    if (spec == null) {
      return null;
    }
    for (String variable : spec.variables()) {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return spec.fallback();
  }
}
