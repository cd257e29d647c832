package org.paysaga.providers.http;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.contract.PaymentChannelContract;

/** The port's contract, met over HTTP by the PSP simulator run as a process (java -jar psp-simulator.jar). */
class HttpPaymentChannelContractIT extends PaymentChannelContract {
  private static SimulatorProcess simulator;
  private static HttpPaymentChannel channel;

  @BeforeAll
  static void startSimulator() throws IOException {
    simulator = SimulatorProcess.start("contract");
    channel = simulator.channel();
  }

  @AfterAll
  static void stopSimulator() {
    if (simulator != null) {
      simulator.close();
    }
  }

  @Override
  protected PaymentChannel channel() {
    return channel;
  }
}
