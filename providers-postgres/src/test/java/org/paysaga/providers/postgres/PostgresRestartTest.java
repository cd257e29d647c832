package org.paysaga.providers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.ports.contract.ContractPayments.key;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.Payment;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.ports.contract.ContractPayments;
import org.paysaga.testsupport.PostgresTestServer;
import org.paysaga.testsupport.Waits;

/**
 * PostgreSQL stopped and started under the adapters (the chaos run's database restart): calls
 * during the outage are unavailable, the pool recovers once it is back, and nothing is posted twice.
 */
class PostgresRestartTest {
  private static PostgresTestServer server;
  private static PostgresPaymentServices services;

  @BeforeAll
  static void start() {
    server = PostgresTestServer.startLocal();
    services = PostgresPaymentServices.start(SharedPostgres.settings(server).poolSize(4)
        .connectionTimeout(Duration.ofMillis(500)).build());
  }

  @AfterAll
  static void stop() {
    services.close();
    server.close();
  }

  @Test
  void callsDuringTheOutageAreUnavailableAndThePoolRecoversAfter() {
    MerchantLedger ledger = services.ledger();
    Payment before = ContractPayments.fresh(1_000);
    String credit = ledger.credit(key(before, "CreditMerchant"), before);

    server.stop();
    assertThat(server.isRunning()).isFalse();
    for (int i = 0; i < 3; i++) {
      Payment during = ContractPayments.fresh(1_000);
      assertThatThrownBy(() -> ledger.credit(key(during, "CreditMerchant"), during))
          .isInstanceOf(ServiceUnavailableException.class);
      assertThatThrownBy(() -> services.orders().create(key(during, "CreateOrder"), during))
          .isInstanceOf(ServiceUnavailableException.class);
    }

    server.startAgain();
    assertThat(server.isRunning()).isTrue();
    // Connections broken by the restart are evicted as they fail: a few retries at most.
    String replay = retried(() -> ledger.credit(key(before, "CreditMerchant"), before));
    assertThat(replay).isEqualTo(credit);
    Payment after = ContractPayments.fresh(1_000);
    assertThat(retried(() -> ledger.credit(key(after, "CreditMerchant"), after))).startsWith("ltx_");
    assertThat(services.audit().run().clean()).isTrue();
  }

  @Test
  void aRestartUnderLoadPostsEachKeyOnce() throws Exception {
    MerchantLedger ledger = services.ledger();
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<int[]>> workers = new ArrayList<>();
    List<Payment> payments = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int w = 0; w < 4; w++) {
      workers.add(pool.submit(() -> {
        int[] counts = new int[3]; // ok, unavailable, unknown
        while (running.get()) {
          Payment payment = ContractPayments.fresh(100);
          payments.add(payment);
          try {
            ledger.credit(key(payment, "CreditMerchant"), payment);
            counts[0]++;
          } catch (ServiceUnavailableException e) {
            counts[1]++;
          } catch (OutcomeUnknownException e) {
            counts[2]++;
          }
        }
        return counts;
      }));
    }
    Waits.pause(Duration.ofMillis(300));
    server.restart();
    Waits.pause(Duration.ofMillis(500));
    running.set(false);
    int ok = 0;
    int failed = 0;
    for (Future<int[]> worker : workers) {
      int[] counts = worker.get();
      ok += counts[0];
      failed += counts[1] + counts[2];
    }
    pool.shutdown();
    assertThat(ok).isPositive();
    // Every payment settled by retrying its key (what the saga does): one credit each.
    for (Payment payment : List.copyOf(payments)) {
      assertThat(retried(() -> ledger.credit(key(payment, "CreditMerchant"), payment))).startsWith("ltx_");
    }
    PostgresLedgerAudit.Report report = services.audit().run();
    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.creditsPerPaymentOverOne()).isZero();
    assertThat(report.payments()).hasSizeGreaterThanOrEqualTo(payments.size());
    System.out.printf("restart under load: %d credits answered, %d failed during the restart, %d payments%n", ok,
        failed, payments.size());
  }

  private static <T> T retried(java.util.function.Supplier<T> call) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (true) {
      try {
        return call.get();
      } catch (ServiceUnavailableException | OutcomeUnknownException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Waits.pause(Duration.ofMillis(100));
      }
    }
  }
}
