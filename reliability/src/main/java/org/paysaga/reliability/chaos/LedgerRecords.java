package org.paysaga.reliability.chaos;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.paysaga.payment.sandbox.OrderStatus;

/**
 * The postgres adapters' records per payment number, read in one snapshot: each order's status and
 * the ledger's postings by kind (count and amount; VOID keys hold no money and are left out).
 */
final class LedgerRecords {
  /** One payment's postings: credits, their reversals, refund sagas' debits and credits back. */
  record Postings(int credits, long credited, int reversals, long reversed, int debits, long debited,
      int creditBacks, long creditedBack) {
    static final Postings NONE = new Postings(0, 0, 0, 0, 0, 0, 0, 0);

    Postings plus(String kind, int count, long amount) {
      return switch (kind) {
        case "CREDIT" -> new Postings(credits + count, credited + amount, reversals, reversed, debits, debited,
            creditBacks, creditedBack);
        case "REVERSAL" -> new Postings(credits, credited, reversals + count, reversed + amount, debits, debited,
            creditBacks, creditedBack);
        case "DEBIT" -> new Postings(credits, credited, reversals, reversed, debits + count, debited + amount,
            creditBacks, creditedBack);
        case "CREDIT_BACK" -> new Postings(credits, credited, reversals, reversed, debits, debited,
            creditBacks + count, creditedBack + amount);
        default -> throw new IllegalArgumentException("not a posting kind: " + kind);
      };
    }
  }

  private final Map<String, OrderStatus> orders;
  private final Map<String, Postings> postings;
  private final Set<String> effectPaymentNos;

  /**
   * @param effectPaymentNos payment numbers with an order effect (a VOID key too): touched by a saga
   */
  LedgerRecords(Map<String, OrderStatus> orders, Map<String, Postings> postings, Set<String> effectPaymentNos) {
    this.orders = Map.copyOf(orders);
    this.postings = Map.copyOf(postings);
    this.effectPaymentNos = Set.copyOf(effectPaymentNos);
  }

  static LedgerRecords read(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY");
      }
      Map<String, OrderStatus> orders = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT payment_no, status FROM paysaga_orders");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          orders.put(rows.getString(1), OrderStatus.valueOf(rows.getString(2)));
        }
      }
      Map<String, Postings> postings = new HashMap<>();
      try (PreparedStatement select = connection.prepareStatement("SELECT payment_no, kind, count(*), "
          + "COALESCE(sum(amount_minor), 0) FROM paysaga_ledger_transactions WHERE kind <> 'VOID' "
          + "GROUP BY payment_no, kind");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          postings.merge(rows.getString(1), Postings.NONE.plus(rows.getString(2), rows.getInt(3), rows.getLong(4)),
              LedgerRecords::sum);
        }
      }
      Set<String> effects = new HashSet<>();
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT DISTINCT payment_no FROM paysaga_order_effects UNION SELECT DISTINCT payment_no "
              + "FROM paysaga_ledger_transactions");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          effects.add(rows.getString(1));
        }
      }
      connection.rollback();
      return new LedgerRecords(orders, postings, effects);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the orders and the ledger: " + e.getMessage(), e);
    }
  }

  private static Postings sum(Postings a, Postings b) {
    return new Postings(a.credits() + b.credits(), a.credited() + b.credited(), a.reversals() + b.reversals(),
        a.reversed() + b.reversed(), a.debits() + b.debits(), a.debited() + b.debited(),
        a.creditBacks() + b.creditBacks(), a.creditedBack() + b.creditedBack());
  }

  OrderStatus order(String paymentNo) {
    return orders.getOrDefault(paymentNo, OrderStatus.NONE);
  }

  Postings postings(String paymentNo) {
    return postings.getOrDefault(paymentNo, Postings.NONE);
  }

  /** Every payment number with an order, an order effect or a ledger transaction. */
  Set<String> paymentNos() {
    Set<String> all = new HashSet<>(orders.keySet());
    all.addAll(postings.keySet());
    all.addAll(effectPaymentNos);
    return all;
  }
}
