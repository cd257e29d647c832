package org.paysaga.payment.sandbox;

import org.paysaga.ports.OrderService;
import org.paysaga.ports.contract.OrderServiceContract;
import org.paysaga.testing.RedisTestServer;

/** The sandbox's {@link OrderService} passes the contract every adapter passes, on the test Redis. */
class SandboxOrdersContractTest extends OrderServiceContract {
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(RedisTestServer.get().commands());

  @Override
  protected OrderService orders() {
    return sandbox.orders();
  }
}
