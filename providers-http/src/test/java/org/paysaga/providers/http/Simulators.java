package org.paysaga.providers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.paysaga.testsupport.PspSimulatorProcess;

/** The HTTP channel's view of a {@link PspSimulatorProcess}: options, a channel, its audit as JSON. */
final class Simulators {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Simulators() {}

  static HttpChannelOptions.Builder options(PspSimulatorProcess simulator) {
    return HttpChannelOptions.builder().baseUrl(simulator.baseUrl()).apiKey(simulator.apiKey());
  }

  static HttpPaymentChannel channel(PspSimulatorProcess simulator) {
    return new HttpPaymentChannel(options(simulator).build());
  }

  /** {@code GET /v1/audit}. */
  static JsonNode audit(PspSimulatorProcess simulator) throws IOException {
    return JSON.readTree(simulator.audit());
  }

  /** How many charges the audit lists for this payment number. */
  static long chargesOf(PspSimulatorProcess simulator, String paymentNo) throws IOException {
    long count = 0;
    for (JsonNode charge : audit(simulator).path("charges")) {
      if (paymentNo.equals(charge.path("payment_no").asText())) {
        count++;
      }
    }
    return count;
  }
}
