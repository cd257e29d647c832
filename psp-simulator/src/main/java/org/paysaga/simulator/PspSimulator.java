package org.paysaga.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A payment service provider simulator: {@code java -jar psp-simulator.jar --data-dir D [--port P]
 * [--api-key K] [--fault-rates error=R,drop=R,slow=R] [--slow-ms MS]}. Its REST API, its magic card
 * tokens and its faults: docs/payment-provider-api.md. Its state (a journal in the data directory)
 * survives a SIGKILL.
 */
public final class PspSimulator implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads;
  private final SimulatorState state;

  private PspSimulator(HttpServer server, ExecutorService threads, SimulatorState state) {
    this.server = server;
    this.threads = threads;
    this.state = state;
  }

  public static void main(String[] args) {
    PspSimulator simulator;
    try {
      simulator = start(SimulatorOptions.parse(args), System.out);
    } catch (IllegalArgumentException e) {
      System.err.println("psp-simulator: " + e.getMessage());
      System.err.println(SimulatorOptions.USAGE);
      System.exit(2);
      return;
    } catch (IOException | UncheckedIOException e) {
      System.err.println("psp-simulator: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "psp-simulator-stop"));
  }

  /** Replays the data directory's journal, then serves; the ready line goes to {@code out}. */
  static PspSimulator start(SimulatorOptions options, PrintStream out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    SimulatorState state = SimulatorState.replaying(json, options.dataDir());
    HttpServer server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 128);
    ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "psp-simulator-http");
      thread.setDaemon(false);
      return thread;
    });
    server.setExecutor(threads);
    server.createContext("/", new PaymentApi(json, state, options.faults(), options.apiKey(), out));
    server.start();
    FaultPlan faults = options.faults();
    out.println("psp-simulator: " + state.journal().map(j -> j.replayed() + " journal records replayed from "
        + j.path()).orElse("no journal") + (options.apiKey() != null ? "; API key required" : "; no API key")
        + "; fault rates error=" + faults.errorRate() + " drop=" + faults.dropRate() + " slow=" + faults.slowRate()
        + " (" + faults.slowMs() + " ms)");
    PspSimulator simulator = new PspSimulator(server, threads, state);
    out.println("psp-simulator listening on http://" + options.host() + ":" + simulator.port());
    out.flush();
    return simulator;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  SimulatorState state() {
    return state;
  }

  /** Stops serving (requests under way get a second to finish) and closes the journal. */
  @Override
  public void close() {
    server.stop(1);
    threads.shutdown();
    try {
      threads.awaitTermination(2, TimeUnit.SECONDS);
      state.journal().ifPresent(journal -> {
        try {
          journal.close();
        } catch (IOException e) {
          // Every record was forced when written: nothing is lost.
        }
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
