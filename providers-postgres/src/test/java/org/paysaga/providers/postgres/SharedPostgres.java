package org.paysaga.providers.postgres;

import java.time.Duration;
import org.paysaga.testsupport.PostgresTestServer;

/**
 * One PostgreSQL for the test classes that only need a database (a cluster of its own costs an
 * initdb): started at first use, stopped and deleted when the test JVM ends. Tests that stop the
 * server or count everything in it start their own.
 */
final class SharedPostgres {
  private static PostgresTestServer server;

  private SharedPostgres() {}

  static synchronized PostgresTestServer server() {
    if (server == null) {
      server = PostgresTestServer.start();
      PostgresTestServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close, "stop-shared-postgres"));
    }
    return server;
  }

  static PostgresSettings.Builder settings(PostgresTestServer on) {
    return PostgresSettings.builder().jdbcUrl(on.jdbcUrl()).username(on.username()).password(on.password())
        .connectionTimeout(Duration.ofSeconds(5));
  }

  static PostgresPaymentServices services() {
    return PostgresPaymentServices.start(settings(server()).build());
  }
}
