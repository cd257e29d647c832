package org.paysaga.reliability.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.providers.postgres.PostgresPaymentServices;
import org.paysaga.providers.postgres.PostgresSettings;
import org.paysaga.testsupport.PostgresTestServer;
import org.paysaga.testsupport.PspSimulatorProcess;
import org.paysaga.testsupport.Waits;

/**
 * The real payment services of a {@code --providers postgres,http} run: a throwaway PostgreSQL
 * cluster (orders and ledger; {@code m_frozen} frozen before the first payment) and the PSP
 * simulator with its journal in the run's directory and random faults on every charge and refund
 * (lost answers and 5xx). The run's own pool onto the database reads the records back for the audit.
 */
final class ProviderStack implements AutoCloseable {
  /** Random faults of the simulator's charges and refunds: answers lost after acting, and 503s before. */
  static final String FAULT_RATES = "drop=0.02,error=0.02";
  /** Below the channel step's start-to-close (3 s): a slow answer is an unknown outcome, retried on its key. */
  static final String HTTP_REQUEST_TIMEOUT = "2s";

  private final PostgresTestServer postgres;
  private final PostgresPaymentServices services;
  private final PspSimulatorProcess simulator;

  private ProviderStack(PostgresTestServer postgres, PostgresPaymentServices services, PspSimulatorProcess simulator) {
    this.postgres = postgres;
    this.services = services;
    this.simulator = simulator;
  }

  static ProviderStack start(Path workDir) {
    PostgresTestServer postgres = PostgresTestServer.startLocal();
    PostgresPaymentServices services = null;
    try {
      services = PostgresPaymentServices.start(PostgresSettings.builder().jdbcUrl(postgres.jdbcUrl())
          .username(postgres.username()).password(postgres.password()).poolSize(4).build());
      services.merchants().freeze(SandboxMagicValues.MERCHANT_FROZEN);
      PspSimulatorProcess simulator = PspSimulatorProcess.start(workDir.resolve("psp-simulator"),
          "--fault-rates", FAULT_RATES);
      return new ProviderStack(postgres, services, simulator);
    } catch (IOException | RuntimeException e) {
      if (services != null) {
        services.close();
      }
      postgres.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** What points a worker at these services instead of the sandbox. */
  Map<String, String> workerSettings() {
    return workerSettings(postgres.jdbcUrl(), postgres.username(), postgres.password(), simulator.baseUrl(),
        simulator.apiKey());
  }

  static Map<String, String> workerSettings(String jdbcUrl, String username, String password, String baseUrl,
      String apiKey) {
    return Map.of(
        "SAGA_PROVIDERS_ORDERS", "postgres",
        "SAGA_PROVIDERS_LEDGER", "postgres",
        "SAGA_PROVIDERS_CHANNEL", "http",
        "SAGA_PROVIDERS_POSTGRES_URL", jdbcUrl,
        "SAGA_PROVIDERS_POSTGRES_USERNAME", username,
        "SAGA_PROVIDERS_POSTGRES_PASSWORD", password,
        "SAGA_PROVIDERS_HTTP_BASEURL", baseUrl,
        "SAGA_PROVIDERS_HTTP_APIKEY", apiKey,
        "SAGA_PROVIDERS_HTTP_REQUESTTIMEOUT", HTTP_REQUEST_TIMEOUT,
        "SAGA_PROVIDERS_HTTP_CONNECTTIMEOUT", "1s");
  }

  /** Fast shutdown of PostgreSQL (connections dropped), down for {@code down}, then started on its data. */
  void restartPostgres(Duration down) {
    postgres.stop();
    Waits.pause(down);
    postgres.startAgain();
  }

  /** SIGKILL of the simulator, down for {@code down}, then started on its journal and port. */
  void killAndRestartSimulator(Duration down) {
    simulator.kill();
    Waits.pause(down);
    simulator.startAgain();
  }

  PostgresPaymentServices services() {
    return services;
  }

  PspSimulatorProcess simulator() {
    return simulator;
  }

  String describe() {
    return "PostgreSQL " + postgres.jdbcUrl() + " (m_frozen frozen), psp-simulator " + simulator.baseUrl()
        + " (--fault-rates " + FAULT_RATES + ", journal " + simulator.dataDir() + ")";
  }

  @Override
  public void close() {
    try {
      simulator.close();
    } finally {
      try {
        services.close();
      } finally {
        postgres.close();
      }
    }
  }
}
