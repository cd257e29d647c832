package org.paysaga.providers.postgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.contract.MerchantLedgerContract;

/** The merchant ledger's contract on a real PostgreSQL. */
class PostgresLedgerContractTest extends MerchantLedgerContract {
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
  protected MerchantLedger ledger() {
    return services.ledger();
  }
}
