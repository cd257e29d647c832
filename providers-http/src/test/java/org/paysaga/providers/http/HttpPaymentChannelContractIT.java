package org.paysaga.providers.http;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.contract.PaymentChannelContract;
import org.paysaga.testsupport.PspSimulatorProcess;

/** The port's contract, met over HTTP by the PSP simulator run as a process (java -jar psp-simulator.jar). */
class HttpPaymentChannelContractIT extends PaymentChannelContract {
  private static PspSimulatorProcess simulator;
  private static HttpPaymentChannel channel;

  @BeforeAll
  static void startSimulator() throws IOException {
    simulator = PspSimulatorProcess.start("contract");
    channel = Simulators.channel(simulator);
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
