package org.paysaga.providers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.ports.contract.ContractPayments.key;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.OrderService;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.contract.ContractPayments;
import org.paysaga.testsupport.PostgresTestServer;

/**
 * The ledger and orders after a mix of calls, read back by the audit: on a database of its own, so
 * its counts are this test's alone.
 */
class PostgresLedgerAuditTest {
  private static PostgresTestServer database;
  private static PostgresPaymentServices services;

  @BeforeAll
  static void start() {
    database = PostgresTestServer.onExisting(SharedPostgres.server().jdbcUrl(), SharedPostgres.server().username(),
        SharedPostgres.server().password());
    services = PostgresPaymentServices.start(SharedPostgres.settings(database).poolSize(12).build());
  }

  @AfterAll
  static void stop() {
    services.close();
    database.close();
  }

  @Test
  void everyTransactionBalancesAndTheAuditAgreesAfterAMixOfCalls() throws Exception {
    OrderService orders = services.orders();
    MerchantLedger ledger = services.ledger();
    services.merchants().freeze("m_frozen");
    PostgresLedgerAudit.Report before = services.audit().run();

    // Paid, credited, refunded 300 then 200, the 200 credited back.
    Payment paid = ContractPayments.fresh(1_000);
    orders.create(key(paid, "CreateOrder"), paid);
    ledger.credit(key(paid, "CreditMerchant"), paid);
    orders.complete(key(paid, "CompleteOrder"), key(paid, "CreateOrder"), paid);
    Refund r1 = ContractPayments.refund(paid, 300);
    ledger.debit(key(r1, "DebitMerchant"), key(paid, "CreditMerchant"), r1);
    Refund r2 = ContractPayments.refund(paid, 200);
    ledger.debit(key(r2, "DebitMerchant"), key(paid, "CreditMerchant"), r2);
    ledger.creditBack(key(r2, "CreditMerchantBack"), key(r2, "DebitMerchant"), r2);
    ledger.creditBack(key(r2, "CreditMerchantBack"), key(r2, "DebitMerchant"), r2);
    // Compensated: credited then reversed, order cancelled.
    Payment compensated = ContractPayments.fresh(700);
    orders.create(key(compensated, "CreateOrder"), compensated);
    ledger.credit(key(compensated, "CreditMerchant"), compensated);
    ledger.reverse(key(compensated, "ReverseMerchantCredit"), key(compensated, "CreditMerchant"), compensated);
    orders.cancel(key(compensated, "CancelOrder"), key(compensated, "CreateOrder"), compensated);
    // Compensated before the forwards ran: voided keys.
    Payment voided = ContractPayments.fresh(500);
    assertThat(ledger.reverse(key(voided, "ReverseMerchantCredit"), key(voided, "CreditMerchant"), voided)).isEmpty();
    assertThat(orders.cancel(key(voided, "CancelOrder"), key(voided, "CreateOrder"), voided)).isEmpty();
    // A frozen merchant: order created then cancelled, no credit.
    Payment frozen = new Payment("frozen-" + System.nanoTime(), "m_frozen", 400, "CNY", "tok_visa");
    orders.create(key(frozen, "CreateOrder"), frozen);
    assertThatThrownBy(() -> ledger.credit(key(frozen, "CreditMerchant"), frozen))
        .isInstanceOfSatisfying(ServiceRefusedException.class,
            e -> assertThat(e.reason()).isEqualTo(Refusals.MERCHANT_FROZEN));
    orders.cancel(key(frozen, "CancelOrder"), key(frozen, "CreateOrder"), frozen);
    // Eight concurrent refunds of 300 against a credit of 1000: three pass.
    Payment raced = ContractPayments.fresh(1_000);
    ledger.credit(key(raced, "CreditMerchant"), raced);
    List<Callable<Object>> refunds = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Refund refund = ContractPayments.refund(raced, 300);
      refunds.add(() -> {
        try {
          return ledger.debit(key(refund, "DebitMerchant"), key(raced, "CreditMerchant"), refund);
        } catch (ServiceRefusedException e) {
          return e.reason();
        }
      });
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Object> outcomes = new ArrayList<>();
    for (Future<Object> outcome : pool.invokeAll(refunds)) {
      outcomes.add(outcome.get());
    }
    pool.shutdown();
    assertThat(outcomes.stream().filter(o -> o.equals(Refusals.REFUND_EXCEEDS_CHARGE)).count()).isEqualTo(5);

    PostgresLedgerAudit.Report report = services.audit().run();
    assertThat(report.clean()).as(report.summary()).isTrue();
    assertThat(report.summary()).startsWith("ledger audit: clean");
    // paid: credit, 2 debits, 1 credit back; compensated: credit, reversal; raced: credit, 3 debits; 2 voids.
    assertThat(report.transactions() - before.transactions()).isEqualTo(4 + 2 + 4 + 1);
    assertThat(report.voidedKeys() - before.voidedKeys()).isEqualTo(1);
    assertThat(report.voidedOrderKeys() - before.voidedOrderKeys()).isEqualTo(1);
    assertThat(report.unbalancedTransactions()).isZero();
    assertThat(report.duplicateKeys()).isZero();
    assertThat(report.undoneTwice()).isZero();
    assertThat(report.creditsPerPaymentOverOne()).isZero();
    assertThat(report.overRefunded()).isZero();
    assertThat(report.payments()).hasSize(before.payments().size() + 3)
        .allSatisfy(p -> assertThat(p.consistent()).isTrue());
    PostgresLedgerAudit.PaymentBalance paidBalance = report.payment(paid.paymentNo());
    assertThat(paidBalance.credited()).isEqualTo(1_000);
    assertThat(paidBalance.debited()).isEqualTo(500);
    assertThat(paidBalance.creditedBack()).isEqualTo(200);
    assertThat(paidBalance.merchantBalance()).isEqualTo(700).isEqualTo(paidBalance.expectedBalance());
    assertThat(report.payment(compensated.paymentNo()).merchantBalance()).isZero();
    assertThat(report.payment(compensated.paymentNo()).reversed()).isEqualTo(700);
    assertThat(report.payment(raced.paymentNo()).merchantBalance()).isEqualTo(100);
    assertThat(report.orders("PAID") - before.orders("PAID")).isEqualTo(1);
    assertThat(report.orders("CANCELLED") - before.orders("CANCELLED")).isEqualTo(2);
    assertThat(report.orders("CREATED") - before.orders("CREATED")).isZero();
    assertThatThrownBy(() -> report.payment("nope")).hasMessageContaining("nope");
  }

  @Test
  void theDatabaseRefusesAnUnbalancedTransactionAndTheAuditSeesOneSlippedIn() throws Exception {
    Payment payment = ContractPayments.fresh(100);
    String credit = services.ledger().credit(key(payment, "CreditMerchant"), payment);
    long id = Long.parseLong(credit.substring("ltx_".length()));
    try (Connection connection = services.dataSource().getConnection(); Statement statement =
        connection.createStatement()) {
      statement.executeUpdate("INSERT INTO paysaga_ledger_entries (transaction_id, account, amount_minor, currency) "
          + "VALUES (" + id + ", 'merchant:m_contract', 1, 'CNY')");
      assertThatThrownBy(connection::commit).hasMessageContaining("does not balance");
      connection.rollback();
      assertThat(services.audit().run().clean()).isTrue();

      // Past the trigger (replication role), as a broken import would: the audit reports it.
      statement.execute("SET session_replication_role = replica");
      statement.executeUpdate("INSERT INTO paysaga_ledger_entries (transaction_id, account, amount_minor, currency) "
          + "VALUES (" + id + ", 'merchant:m_contract', 1, 'CNY')");
      connection.commit();
      PostgresLedgerAudit.Report report = services.audit().run();
      assertThat(report.clean()).isFalse();
      assertThat(report.unbalancedTransactions()).isEqualTo(1);
      assertThat(report.inconsistentPayments()).containsExactly(payment.paymentNo());
      assertThat(report.summary()).contains("NOT CLEAN");
      statement.executeUpdate("DELETE FROM paysaga_ledger_entries WHERE transaction_id = " + id
          + " AND amount_minor = 1");
      statement.execute("SET session_replication_role = origin");
      connection.commit();
    }
    assertThat(services.audit().run().clean()).isTrue();
  }
}
