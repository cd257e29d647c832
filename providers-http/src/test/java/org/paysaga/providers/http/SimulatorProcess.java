package org.paysaga.providers.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.ProcessSpec;
import org.paysaga.testsupport.ProjectJars;

/** psp-simulator.jar as a child process on a free port and a data directory of its own. */
final class SimulatorProcess implements AutoCloseable {
  static final String API_KEY = "sk_test_it";
  private static final Duration START = Duration.ofSeconds(30);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int port;
  private final Path dataDir;
  private final ManagedProcess process;
  private boolean startedBefore;

  private SimulatorProcess(String name, String... extraArgs) throws IOException {
    this.port = FreePorts.free();
    this.dataDir = Files.createDirectories(Path.of("target", "psp-data", name + "-" + UUID.randomUUID()));
    List<String> args = new ArrayList<>(List.of("-jar", ProjectJars.pspSimulator().toString(),
        "--port", String.valueOf(port), "--data-dir", dataDir.toString(), "--api-key", API_KEY));
    args.addAll(List.of(extraArgs));
    this.process = ProcessSpec.java("psp-simulator-" + name, args.toArray(String[]::new))
        .log(Path.of("target", "processes", "psp-simulator-" + name + ".log"))
        .create();
  }

  static SimulatorProcess start(String name, String... extraArgs) throws IOException {
    SimulatorProcess simulator = new SimulatorProcess(name, extraArgs);
    simulator.startAgain();
    return simulator;
  }

  /** Starts it (again, after a kill) on the same port and data directory, and waits until it listens. */
  void startAgain() {
    int linesBefore = startedBefore ? process.log().lines().size() : 0; // the first start empties the log
    process.start();
    startedBefore = true;
    process.await("its ready line", START, () -> process.log().lines().stream().skip(linesBefore)
        .anyMatch(line -> line.startsWith("psp-simulator listening on http://127.0.0.1:" + port)));
  }

  /** SIGKILL: no shutdown hook, as a crash. */
  void kill() {
    process.kill();
  }

  ManagedProcess process() {
    return process;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  HttpChannelOptions.Builder options() {
    return HttpChannelOptions.builder().baseUrl(baseUrl()).apiKey(API_KEY);
  }

  HttpPaymentChannel channel() {
    return new HttpPaymentChannel(options().build());
  }

  /** {@code GET /v1/audit}. */
  JsonNode audit() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/audit"))
        .header("Authorization", "Bearer " + API_KEY).build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("audit answered " + response.statusCode() + ": " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** How many charges the audit lists for this payment number. */
  long chargesOf(String paymentNo) throws IOException, InterruptedException {
    long count = 0;
    for (JsonNode charge : audit().path("charges")) {
      if (paymentNo.equals(charge.path("payment_no").asText())) {
        count++;
      }
    }
    return count;
  }

  @Override
  public void close() {
    process.close();
  }
}
