package org.paysaga.worker.providers;

import java.sql.Connection;
import java.sql.SQLException;
import org.paysaga.providers.postgres.PostgresPaymentServices;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * {@code paymentServices}: UP when the shipped adapters in use answer (PostgreSQL validates a
 * connection within 2 s); the sandbox lives in the worker's Redis, whose health is {@code redis}.
 */
final class PaymentServicesHealthIndicator implements HealthIndicator {
  private static final int TIMEOUT_SECONDS = 2;

  private final PostgresPaymentServices postgres;

  /** @param postgres the postgres adapters, or null when no port runs on them */
  PaymentServicesHealthIndicator(PostgresPaymentServices postgres) {
    this.postgres = postgres;
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
    return health.build();
  }
}
