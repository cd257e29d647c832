package org.paysaga.worker.providers;

import java.sql.Connection;
import java.sql.SQLException;
import org.paysaga.providers.http.ChannelHealth;
import org.paysaga.providers.http.HttpPaymentChannel;
import org.paysaga.providers.postgres.PostgresPaymentServices;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code paymentServices}: UP when the shipped adapters in use answer (PostgreSQL validates a
 * connection within 2 s, the HTTP provider's {@code /health} answers); the sandbox lives in the worker's Redis, whose health is {@code redis}.
 */
final class PaymentServicesHealthIndicator implements HealthIndicator {
  private static final int TIMEOUT_SECONDS = 2;

  private final PostgresPaymentServices postgres;
  private final HttpPaymentChannel http;

  /**
   * @param postgres the postgres adapters, or null when no port runs on them
   * @param http the http channel, or null when the channel is another
   */
  PaymentServicesHealthIndicator(PostgresPaymentServices postgres, HttpPaymentChannel http) {
    this.postgres = postgres;
    this.http = http;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.up();
    if (postgres != null) {
      try (Connection connection = postgres.dataSource().getConnection()) {
        if (connection.isValid(TIMEOUT_SECONDS)) {
          health.withDetail("postgres", "UP");
        } else {
          health.down().withDetail("postgres", "no valid connection within " + TIMEOUT_SECONDS + " s");
        }
      } catch (SQLException e) {
        health.down().withDetail("postgres", e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    if (http != null) {
      ChannelHealth channel = http.health();
      health.withDetail("http", (channel.up() ? "UP" : "DOWN") + ": " + channel.detail());
      if (!channel.up()) {
        health.down();
      }
    }
    return health.build();
  }
}
