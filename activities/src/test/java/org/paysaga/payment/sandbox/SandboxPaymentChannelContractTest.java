package org.paysaga.payment.sandbox;

import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.contract.PaymentChannelContract;
import org.paysaga.testing.RedisTestServer;

/** The sandbox's {@link PaymentChannel} passes the contract every adapter passes, on the test Redis. */
class SandboxPaymentChannelContractTest extends PaymentChannelContract {
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(RedisTestServer.get().commands());

  @Override
  protected PaymentChannel channel() {
    return sandbox.channel();
  }
}
