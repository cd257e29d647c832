package org.paysaga.providers.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the whole ledger and the orders back and checks them, for the chaos run and the tests:
 * every transaction balances, each payment's merchant balance equals credited - reversed - debited
 * + credited back and never goes below zero from refunds, no effect is there twice, and the orders
 * by status.
 */
public final class PostgresLedgerAudit {
  private final Transactions transactions;

  PostgresLedgerAudit(Transactions transactions) {
    this.transactions = transactions;
  }

  /** One payment's postings, in minor units. */
  public record PaymentBalance(String paymentNo, long credited, long reversed, long debited, long creditedBack,
      long merchantBalance, long entrySum) {
    /** What the merchant should hold for the payment. */
    public long expectedBalance() {
      return credited - reversed - debited + creditedBack;
    }

    /** Its entries add up to zero and the merchant's part is what its postings say. */
    public boolean consistent() {
      return entrySum == 0 && merchantBalance == expectedBalance();
    }

    /** Refunded (debited - credited back) more than is left of the credit (credited - reversed). */
    public boolean overRefunded() {
      return expectedBalance() < 0;
    }
  }

  /**
   * The audit's findings. {@code unbalancedTransactions}: transactions whose entries do not add up to
   * zero; {@code postingsWithoutEntries}: non-VOID transactions with no entries;
   * {@code duplicateKeys}, {@code undoneTwice}, {@code creditsPerPaymentOverOne}: effects there twice
   * (the constraints make them impossible; counted anyway); {@code overRefunded}: payments whose
   * refunds pass their credit.
   */
  public record Report(int transactions, int voidedKeys, int unbalancedTransactions, int postingsWithoutEntries,
      int duplicateKeys, int undoneTwice, int creditsPerPaymentOverOne, int overRefunded,
      List<PaymentBalance> payments, List<String> inconsistentPayments, Map<String, Long> ordersByStatus,
      int voidedOrderKeys) {

    public boolean clean() {
      return unbalancedTransactions == 0 && postingsWithoutEntries == 0 && duplicateKeys == 0 && undoneTwice == 0
          && overRefunded == 0 && inconsistentPayments.isEmpty();
    }

    public long orders(String status) {
      return ordersByStatus.getOrDefault(status, 0L);
    }

    public PaymentBalance payment(String paymentNo) {
      return payments.stream().filter(p -> p.paymentNo().equals(paymentNo)).findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no ledger transaction for payment " + paymentNo));
    }

    /** One line for logs. */
    public String summary() {
      return "ledger audit: " + (clean() ? "clean" : "NOT CLEAN") + "; " + transactions + " transactions ("
          + voidedKeys + " voided keys), " + payments.size() + " payments, unbalanced " + unbalancedTransactions
          + ", without entries " + postingsWithoutEntries + ", duplicate keys " + duplicateKeys + ", undone twice "
          + undoneTwice + ", payments credited more than once " + creditsPerPaymentOverOne + ", over-refunded "
          + overRefunded + ", inconsistent " + inconsistentPayments + "; orders " + ordersByStatus + " ("
          + voidedOrderKeys + " voided keys)";
    }
  }

  public Report run() {
    return transactions.inTransaction("ledger audit", connection -> {
      // One snapshot for every query of the audit.
      try (var statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
      }
      int total = count(connection, "SELECT count(*) FROM paysaga_ledger_transactions");
      int voided = count(connection, "SELECT count(*) FROM paysaga_ledger_transactions WHERE kind = 'VOID'");
      int unbalanced = count(connection, "SELECT count(*) FROM (SELECT transaction_id FROM paysaga_ledger_entries "
          + "GROUP BY transaction_id HAVING sum(amount_minor) <> 0) u");
      int withoutEntries = count(connection, "SELECT count(*) FROM paysaga_ledger_transactions t WHERE t.kind <> "
          + "'VOID' AND NOT EXISTS (SELECT 1 FROM paysaga_ledger_entries e WHERE e.transaction_id = t.transaction_id)");
      int duplicateKeys = count(connection, "SELECT count(*) FROM (SELECT idempotency_key FROM "
          + "paysaga_ledger_transactions GROUP BY idempotency_key HAVING count(*) > 1) d")
          + count(connection, "SELECT count(*) FROM (SELECT idempotency_key FROM paysaga_order_effects "
          + "GROUP BY idempotency_key HAVING count(*) > 1) d");
      int undoneTwice = count(connection, "SELECT count(*) FROM (SELECT against_key FROM paysaga_ledger_transactions "
          + "WHERE kind IN ('REVERSAL', 'CREDIT_BACK') GROUP BY against_key HAVING count(*) > 1) d");
      int creditsOverOne = count(connection, "SELECT count(*) FROM (SELECT payment_no FROM "
          + "paysaga_ledger_transactions WHERE kind = 'CREDIT' GROUP BY payment_no HAVING count(*) > 1) d");
      List<PaymentBalance> payments = balances(connection);
      List<String> inconsistent = new ArrayList<>();
      int overRefunded = 0;
      for (PaymentBalance payment : payments) {
        if (payment.overRefunded()) {
          overRefunded++;
        }
        if (!payment.consistent()) {
          inconsistent.add(payment.paymentNo());
        }
      }
      Map<String, Long> orders = new TreeMap<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT status, count(*) FROM paysaga_orders GROUP BY status");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          orders.put(rows.getString(1), rows.getLong(2));
        }
      }
      int voidedOrderKeys = count(connection, "SELECT count(*) FROM paysaga_order_effects WHERE kind = 'VOID'");
      return new Report(total, voided, unbalanced, withoutEntries, duplicateKeys, undoneTwice, creditsOverOne,
          overRefunded, List.copyOf(payments), List.copyOf(inconsistent), Map.copyOf(orders), voidedOrderKeys);
    });
  }

  private static List<PaymentBalance> balances(Connection connection) throws SQLException {
    List<PaymentBalance> payments = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement("SELECT t.payment_no, "
        + "COALESCE(SUM(t.amount_minor) FILTER (WHERE t.kind = 'CREDIT'), 0), "
        + "COALESCE(SUM(t.amount_minor) FILTER (WHERE t.kind = 'REVERSAL'), 0), "
        + "COALESCE(SUM(t.amount_minor) FILTER (WHERE t.kind = 'DEBIT'), 0), "
        + "COALESCE(SUM(t.amount_minor) FILTER (WHERE t.kind = 'CREDIT_BACK'), 0), "
        + "COALESCE(SUM(e.merchant), 0), COALESCE(SUM(e.total), 0) "
        + "FROM paysaga_ledger_transactions t LEFT JOIN ("
        + "  SELECT transaction_id, SUM(amount_minor) FILTER (WHERE account LIKE 'merchant:%') AS merchant, "
        + "  SUM(amount_minor) AS total FROM paysaga_ledger_entries GROUP BY transaction_id"
        + ") e ON e.transaction_id = t.transaction_id "
        + "WHERE t.kind <> 'VOID' GROUP BY t.payment_no ORDER BY t.payment_no");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        payments.add(new PaymentBalance(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4),
            rows.getLong(5), rows.getLong(6), rows.getLong(7)));
      }
    }
    return payments;
  }

  private static int count(Connection connection, String sql) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql); ResultSet row = select.executeQuery()) {
      row.next();
      return row.getInt(1);
    }
  }
}
