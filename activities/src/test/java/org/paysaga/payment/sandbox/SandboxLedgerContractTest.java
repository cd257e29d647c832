package org.paysaga.payment.sandbox;

import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.contract.MerchantLedgerContract;
import org.paysaga.testing.RedisTestServer;

/** The sandbox's {@link MerchantLedger} passes the contract every adapter passes, on the test Redis. */
class SandboxLedgerContractTest extends MerchantLedgerContract {
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(RedisTestServer.get().commands());

  @Override
  protected MerchantLedger ledger() {
    return sandbox.ledger();
  }
}
