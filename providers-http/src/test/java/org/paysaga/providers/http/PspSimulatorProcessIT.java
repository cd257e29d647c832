package org.paysaga.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.Payment;
import org.paysaga.testsupport.PspSimulatorProcess;

/** test-support's simulator process started on a data directory of the caller's, as the chaos run does. */
class PspSimulatorProcessIT {

  @Test
  void itKeepsItsJournalInTheGivenDirectoryAndItsLogBesideIt() throws Exception {
    Path dataDir = Path.of("target", "psp-data", "given-" + UUID.randomUUID());
    try (PspSimulatorProcess simulator = PspSimulatorProcess.start(dataDir)) {
      assertThat(simulator.dataDir()).isEqualTo(dataDir.toAbsolutePath());
      assertThat(simulator.baseUrl()).isEqualTo("http://127.0.0.1:" + simulator.port());
      assertThat(simulator.apiKey()).isEqualTo(PspSimulatorProcess.API_KEY);
      assertThat(simulator.process().log().path()).isEqualTo(
          dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".log"));
      Payment payment = new Payment("it-" + UUID.randomUUID().toString().substring(0, 18), "m_it", 700, "CNY",
          "tok_visa");
      Simulators.channel(simulator).charge("payment-" + payment.paymentNo() + ":CallPaymentChannel", payment);

      simulator.kill();
      assertThat(simulator.isAlive()).isFalse();
      simulator.startAgain();

      assertThat(simulator.isAlive()).isTrue();
      assertThat(Files.exists(dataDir.resolve("journal.jsonl"))).isTrue();
      assertThat(Simulators.chargesOf(simulator, payment.paymentNo())).isEqualTo(1);
      assertThat(simulator.audit()).contains("\"summary\"");
    }
  }
}
