package org.paysaga.worker.providers;

import org.paysaga.providers.postgres.PostgresPaymentServices;
import org.paysaga.providers.postgres.PostgresSettings;

/** The PostgreSQL adapters from {@code saga.providers.postgres.*}: settings left out keep the adapter's defaults. */
final class PostgresProviders {
  private PostgresProviders() {}

  static PostgresPaymentServices start(ProvidersProperties.Postgres properties) {
    return PostgresPaymentServices.start(settings(properties));
  }

  private static PostgresSettings settings(ProvidersProperties.Postgres properties) {
    try {
      PostgresSettings.Builder settings = PostgresSettings.builder().jdbcUrl(properties.url())
          .username(properties.username());
      if (properties.password() != null) {
        settings.password(properties.password());
      }
      if (properties.poolSize() != null) {
        settings.poolSize(properties.poolSize());
      }
      if (properties.connectionTimeout() != null) {
        settings.connectionTimeout(properties.connectionTimeout());
      }
      return settings.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("saga.providers.postgres: " + e.getMessage(), e);
    }
  }
}
