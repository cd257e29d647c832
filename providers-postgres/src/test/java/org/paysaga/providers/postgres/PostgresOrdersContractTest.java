package org.paysaga.providers.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.paysaga.ports.OrderService;
import org.paysaga.ports.contract.OrderServiceContract;

/** The order service's contract on a real PostgreSQL. */
class PostgresOrdersContractTest extends OrderServiceContract {
  private static PostgresPaymentServices services;

  @BeforeAll
  static void start() {
    services = SharedPostgres.services();
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  @Override
  protected OrderService orders() {
    return services.orders();
  }
}
