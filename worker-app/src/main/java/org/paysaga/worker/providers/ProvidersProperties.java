package org.paysaga.worker.providers;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which payment services the sagas call ({@code saga.providers.*}, docs/payment-services.md),
 * validated at start: a port given an adapter it cannot take, or an adapter without its
 * settings, stops the app with a message naming the property. A user's own bean of a port type
 * replaces the adapter picked here. Settings left out keep the adapter's own defaults.
 *
 * @param orders {@code sandbox} or {@code postgres}
 * @param channel {@code sandbox} or {@code http}
 * @param ledger {@code sandbox} or {@code postgres}
 */
@Validated
@ConfigurationProperties("saga.providers")
public record ProvidersProperties(
    @DefaultValue("sandbox") ProviderKind orders,
    @DefaultValue("sandbox") ProviderKind channel,
    @DefaultValue("sandbox") ProviderKind ledger,
    @DefaultValue @Valid Postgres postgres,
    @DefaultValue @Valid Http http) {

  public ProvidersProperties {
    require("saga.providers.orders", orders, Set.of(ProviderKind.SANDBOX, ProviderKind.POSTGRES));
    require("saga.providers.channel", channel, Set.of(ProviderKind.SANDBOX, ProviderKind.HTTP));
    require("saga.providers.ledger", ledger, Set.of(ProviderKind.SANDBOX, ProviderKind.POSTGRES));
    if ((orders == ProviderKind.POSTGRES || ledger == ProviderKind.POSTGRES) && postgres.url() == null) {
      throw new IllegalArgumentException("saga.providers.postgres.url is required when orders or ledger is postgres"
          + " (a JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/paysaga)");
    }
    if (channel == ProviderKind.HTTP && http.baseUrl() == null) {
      throw new IllegalArgumentException(
          "saga.providers.http.base-url is required when channel is http (e.g. https://psp.example.com)");
    }
  }

  /** Whether any port runs on PostgreSQL. */
  public boolean usesPostgres() {
    return orders == ProviderKind.POSTGRES || ledger == ProviderKind.POSTGRES;
  }

  private static void require(String property, ProviderKind kind, Set<ProviderKind> allowed) {
    if (!allowed.contains(kind)) {
      throw new IllegalArgumentException(property + " cannot be " + kind.name().toLowerCase(java.util.Locale.ROOT)
          + "; it takes " + allowed.stream().map(k -> k.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
    }
  }

  /**
   * The PostgreSQL of the {@code postgres} orders and ledger.
   *
   * @param url JDBC URL ({@code SAGA_PROVIDERS_POSTGRES_URL})
   * @param poolSize connections in the pool
   */
  public record Postgres(String url, String username, String password, @Min(1) Integer poolSize,
      Duration connectionTimeout) {}

  /**
   * The REST payment provider of the {@code http} channel.
   *
   * @param baseUrl e.g. {@code https://psp.example.com} ({@code SAGA_PROVIDERS_HTTP_BASEURL})
   * @param apiKey sent as a bearer token, if set ({@code SAGA_PROVIDERS_HTTP_APIKEY})
   */
  public record Http(URI baseUrl, String apiKey, Duration connectTimeout, Duration requestTimeout) {}
}
