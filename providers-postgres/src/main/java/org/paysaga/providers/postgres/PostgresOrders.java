package org.paysaga.providers.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.paysaga.ports.OrderService;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;

/**
 * Orders in PostgreSQL: one per payment number, CREATED then PAID or CANCELLED. Each call's
 * idempotency key is a row of {@code paysaga_order_effects} (UNIQUE) written in the transaction of
 * the order's change; a cancel that finds no order writes its create key there as VOID.
 */
public final class PostgresOrders implements OrderService {
  private static final String CREATE = "CREATE";
  private static final String CANCEL = "CANCEL";
  private static final String COMPLETE = "COMPLETE";
  private static final String VOID = "VOID";

  private final Transactions transactions;

  PostgresOrders(Transactions transactions) {
    this.transactions = transactions;
  }

  /** The reference of an order: what create, cancel and complete return. */
  static String reference(long orderId) {
    return "ord_" + orderId;
  }

  @Override
  public String create(String idempotencyKey, Payment payment) {
    return transactions.inTransaction("create order " + payment.paymentNo(), connection -> {
      // The key first: a concurrent call with it (or the cancel voiding it) waits here for the other.
      if (!claim(connection, idempotencyKey, CREATE, payment)) {
        Effect earlier = effect(connection, idempotencyKey, false).orElseThrow();
        if (earlier.kind().equals(VOID)) {
          throw new ServiceRefusedException(Refusals.ALREADY_COMPENSATED, "the order of " + payment.paymentNo()
              + " was cancelled before it was created (key " + idempotencyKey + ")");
        }
        return reference(expectKind(earlier, CREATE, idempotencyKey));
      }
      long orderId;
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO paysaga_orders "
          + "(payment_no, merchant_id, amount_minor, currency, status) VALUES (?, ?, ?, ?, 'CREATED') "
          + "ON CONFLICT (payment_no) DO NOTHING RETURNING order_id")) {
        insert.setString(1, payment.paymentNo());
        insert.setString(2, payment.merchantId());
        insert.setLong(3, payment.amountMinor());
        insert.setString(4, payment.currency());
        try (ResultSet row = insert.executeQuery()) {
          if (!row.next()) {
            throw new ServiceRefusedException(Refusals.ORDER_STATE_CONFLICT, "payment " + payment.paymentNo()
                + " has an order already, created under another key than " + idempotencyKey);
          }
          orderId = row.getLong(1);
        }
      }
      setOrder(connection, idempotencyKey, orderId);
      return reference(orderId);
    });
  }

  @Override
  public Optional<String> cancel(String idempotencyKey, String createKey, Payment payment) {
    return transactions.inTransaction("cancel order " + payment.paymentNo(), connection -> {
      Optional<Effect> done = effect(connection, idempotencyKey, false);
      if (done.isPresent()) {
        return Optional.of(reference(expectKind(done.get(), CANCEL, idempotencyKey)));
      }
      // No order under the create key: void it, so a create still on its way is refused.
      if (claim(connection, createKey, VOID, payment)) {
        return Optional.empty();
      }
      Effect created = effect(connection, createKey, true).orElseThrow();
      if (created.kind().equals(VOID)) {
        return Optional.empty();
      }
      long orderId = expectKind(created, CREATE, createKey);
      String status = lockStatus(connection, orderId);
      if (status.equals("PAID")) {
        throw new ServiceRefusedException(Refusals.ORDER_STATE_CONFLICT, "the order of " + payment.paymentNo()
            + " is paid: it cannot be cancelled");
      }
      if (status.equals("CREATED")) {
        setStatus(connection, orderId, "CANCELLED");
      }
      record(connection, idempotencyKey, CANCEL, payment, orderId);
      return Optional.of(reference(orderId));
    });
  }

  @Override
  public String complete(String idempotencyKey, String createKey, Payment payment) {
    return transactions.inTransaction("complete order " + payment.paymentNo(), connection -> {
      Optional<Effect> done = effect(connection, idempotencyKey, false);
      if (done.isPresent()) {
        return reference(expectKind(done.get(), COMPLETE, idempotencyKey));
      }
      Optional<Effect> created = effect(connection, createKey, true);
      if (created.isEmpty() || created.get().kind().equals(VOID)) {
        throw new ServiceRefusedException(Refusals.ORDER_STATE_CONFLICT, "payment " + payment.paymentNo()
            + " has no order to complete (create key " + createKey + ")");
      }
      long orderId = expectKind(created.get(), CREATE, createKey);
      String status = lockStatus(connection, orderId);
      if (status.equals("CANCELLED")) {
        throw new ServiceRefusedException(Refusals.ORDER_STATE_CONFLICT, "the order of " + payment.paymentNo()
            + " is cancelled: it cannot be completed");
      }
      if (status.equals("CREATED")) {
        setStatus(connection, orderId, "PAID");
      }
      record(connection, idempotencyKey, COMPLETE, payment, orderId);
      return reference(orderId);
    });
  }

  private record Effect(String kind, Long orderId) {}

  /**
   * Inserts the key's row (a CREATE gets its order later in the same transaction); false when the
   * key has one already. A call with the key in a transaction not yet ended makes this wait for it.
   */
  private static boolean claim(Connection connection, String key, String kind, Payment payment) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO paysaga_order_effects "
        + "(idempotency_key, kind, payment_no, order_id) VALUES (?, ?, ?, NULL) ON CONFLICT (idempotency_key) "
        + "DO NOTHING")) {
      insert.setString(1, key);
      insert.setString(2, kind);
      insert.setString(3, payment.paymentNo());
      return insert.executeUpdate() == 1;
    }
  }

  private static void setOrder(Connection connection, String key, long orderId) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE paysaga_order_effects SET order_id = ? WHERE idempotency_key = ?")) {
      update.setLong(1, orderId);
      update.setString(2, key);
      update.executeUpdate();
    }
  }

  private static void record(Connection connection, String key, String kind, Payment payment, long orderId)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO paysaga_order_effects "
        + "(idempotency_key, kind, payment_no, order_id) VALUES (?, ?, ?, ?) ON CONFLICT (idempotency_key) "
        + "DO NOTHING")) {
      insert.setString(1, key);
      insert.setString(2, kind);
      insert.setString(3, payment.paymentNo());
      insert.setLong(4, orderId);
      insert.executeUpdate();
    }
  }

  private static Optional<Effect> effect(Connection connection, String key, boolean forUpdate) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT kind, order_id FROM paysaga_order_effects "
        + "WHERE idempotency_key = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        long orderId = row.getLong(2);
        return Optional.of(new Effect(row.getString(1), row.wasNull() ? null : orderId));
      }
    }
  }

  private static long expectKind(Effect effect, String kind, String key) {
    if (!effect.kind().equals(kind)) {
      throw new ServiceRefusedException(Refusals.KEY_REUSED, "key " + key + " was used for an order's "
          + effect.kind() + ", not its " + kind);
    }
    return effect.orderId();
  }

  private static String lockStatus(Connection connection, long orderId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT status FROM paysaga_orders WHERE order_id = ? FOR UPDATE")) {
      select.setLong(1, orderId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new IllegalStateException("order " + orderId + " is referenced by an effect but missing");
        }
        return row.getString(1);
      }
    }
  }

  private static void setStatus(Connection connection, long orderId, String status) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(
        "UPDATE paysaga_orders SET status = ?, updated_at = now() WHERE order_id = ?")) {
      update.setString(1, status);
      update.setLong(2, orderId);
      update.executeUpdate();
    }
  }
}
