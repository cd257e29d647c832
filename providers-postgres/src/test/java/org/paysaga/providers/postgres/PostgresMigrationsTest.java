package org.paysaga.providers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.PostgresTestServer;

class PostgresMigrationsTest {

  @Test
  void migrationsRunTwiceAreANoOp() throws Exception {
    // A database of its own (created as POSTGRES_URL's would be): the first start applies V1.
    try (PostgresTestServer database = PostgresTestServer.onExisting(SharedPostgres.server().jdbcUrl(),
        SharedPostgres.server().username(), SharedPostgres.server().password())) {
      assertThat(database.database()).startsWith("paysaga_test_");
      try (PostgresPaymentServices first = PostgresPaymentServices.start(SharedPostgres.settings(database).build())) {
        assertThat(first.migrationsApplied()).isEqualTo(1);
        assertThat(PostgresPaymentServices.migrate(first.dataSource()).migrationsExecuted).isZero();
        try (PostgresPaymentServices second =
            PostgresPaymentServices.start(SharedPostgres.settings(database).build())) {
          assertThat(second.migrationsApplied()).isZero();
        }
        try (Connection connection = first.dataSource().getConnection();
            ResultSet rows = connection.createStatement().executeQuery(
                "SELECT version, success FROM paysaga_schema_history WHERE version IS NOT NULL")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo("1");
          assertThat(rows.getBoolean(2)).isTrue();
          assertThat(rows.next()).isFalse();
          connection.rollback();
        }
      }
    }
  }

  @Test
  void aStartWithoutADatabaseFailsAndNamesIt() {
    int nothingThere = FreePorts.free();
    PostgresSettings settings = PostgresSettings.builder()
        .jdbcUrl("jdbc:postgresql://127.0.0.1:" + nothingThere + "/paysaga").username("paysaga")
        .connectionTimeout(Duration.ofMillis(500)).build();
    assertThatThrownBy(() -> PostgresPaymentServices.start(settings)).isInstanceOf(RuntimeException.class)
        .hasStackTraceContaining(String.valueOf(nothingThere));
  }
}
