package org.paysaga.providers.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;

/**
 * A double-entry merchant ledger in PostgreSQL. Each posting is a row of
 * {@code paysaga_ledger_transactions} under its idempotency key (UNIQUE) with two entries that add
 * up to zero: the merchant's account {@code merchant:<id>} and the clearing account
 * {@code clearing:<currency>}. A credit puts the amount on the merchant's account, a reversal or a
 * refund's debit takes it off, a credit back returns a debit. An undo that finds nothing to undo
 * writes the forward's key as VOID, so the forward is refused when it comes late.
 */
public final class PostgresLedger implements MerchantLedger {
  static final String CREDIT = "CREDIT";
  static final String REVERSAL = "REVERSAL";
  static final String DEBIT = "DEBIT";
  static final String CREDIT_BACK = "CREDIT_BACK";
  static final String VOID = "VOID";

  private final Transactions transactions;

  PostgresLedger(Transactions transactions) {
    this.transactions = transactions;
  }

  static String reference(long transactionId) {
    return "ltx_" + transactionId;
  }

  static String merchantAccount(String merchantId) {
    return "merchant:" + merchantId;
  }

  static String clearingAccount(String currency) {
    return "clearing:" + currency;
  }

  @Override
  public String credit(String idempotencyKey, Payment payment) {
    return transactions.inTransaction("credit merchant for " + payment.paymentNo(), connection -> {
      Optional<Long> posted = insert(connection, idempotencyKey, CREDIT, payment, null, payment.amountMinor(), null);
      if (posted.isEmpty()) {
        return replay(connection, idempotencyKey, CREDIT, payment.paymentNo());
      }
      // FOR SHARE: a freeze committing now waits for this credit, or this credit sees the freeze.
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT frozen FROM paysaga_merchants WHERE merchant_id = ? FOR SHARE")) {
        select.setString(1, payment.merchantId());
        try (ResultSet row = select.executeQuery()) {
          if (row.next() && row.getBoolean(1)) {
            throw new ServiceRefusedException(Refusals.MERCHANT_FROZEN, "merchant " + payment.merchantId()
                + " is frozen: payment " + payment.paymentNo() + " is not credited");
          }
        }
      }
      post(connection, posted.get(), payment, payment.amountMinor());
      return reference(posted.get());
    });
  }

  @Override
  public Optional<String> reverse(String idempotencyKey, String creditKey, Payment payment) {
    return transactions.inTransaction("reverse merchant credit for " + payment.paymentNo(), connection -> undo(
        connection, idempotencyKey, REVERSAL, creditKey, CREDIT, payment, null));
  }

  @Override
  public String debit(String idempotencyKey, String creditKey, Refund refund) {
    Payment payment = refund.payment();
    return transactions.inTransaction("debit merchant for refund " + refund.refundNo(), connection -> {
      Optional<Long> posted = insert(connection, idempotencyKey, DEBIT, payment, refund.refundNo(),
          refund.amountMinor(), creditKey);
      if (posted.isEmpty()) {
        return replay(connection, idempotencyKey, DEBIT, refund.refundNo());
      }
      // The credit's row lock: the refunds of one payment are decided one at a time.
      Optional<Row> credit = lock(connection, creditKey);
      if (credit.isEmpty() || !credit.get().kind().equals(CREDIT)) {
        throw new ServiceRefusedException(Refusals.REFUND_EXCEEDS_CHARGE, "payment " + payment.paymentNo()
            + " has no credit to refund (credit key " + creditKey + ")");
      }
      long left = leftToRefund(connection, creditKey, credit.get().amountMinor(), posted.get());
      if (refund.amountMinor() > left) {
        throw new ServiceRefusedException(Refusals.REFUND_EXCEEDS_CHARGE, "refund " + refund.refundNo() + " of "
            + refund.amountMinor() + " passes what is left of payment " + payment.paymentNo() + "'s credit: " + left);
      }
      post(connection, posted.get(), payment, -refund.amountMinor());
      return reference(posted.get());
    });
  }

  @Override
  public Optional<String> creditBack(String idempotencyKey, String debitKey, Refund refund) {
    return transactions.inTransaction("credit merchant back for refund " + refund.refundNo(), connection -> undo(
        connection, idempotencyKey, CREDIT_BACK, debitKey, DEBIT, refund.payment(), refund.refundNo()));
  }

  /** A reversal or a credit back: posts the forward's amount the other way, once. */
  private Optional<String> undo(Connection connection, String idempotencyKey, String kind, String forwardKey,
      String forwardKind, Payment payment, String refundNo) throws SQLException {
    Optional<Row> done = find(connection, idempotencyKey, false);
    if (done.isPresent()) {
      expectKind(done.get(), kind, idempotencyKey);
      return Optional.of(reference(done.get().id()));
    }
    // Nothing under the forward key: void it, so the forward is refused when it comes late.
    if (insert(connection, forwardKey, VOID, payment, refundNo, 0, null).isPresent()) {
      return Optional.empty();
    }
    Row forward = lock(connection, forwardKey).orElseThrow();
    if (forward.kind().equals(VOID)) {
      return Optional.empty();
    }
    expectKind(forward, forwardKind, forwardKey);
    // Undone already (under another key, or by a concurrent call that held the lock first).
    try (PreparedStatement select = connection.prepareStatement("SELECT transaction_id FROM "
        + "paysaga_ledger_transactions WHERE against_key = ? AND kind IN ('REVERSAL', 'CREDIT_BACK')")) {
      select.setString(1, forwardKey);
      try (ResultSet row = select.executeQuery()) {
        if (row.next()) {
          return Optional.of(reference(row.getLong(1)));
        }
      }
    }
    long id = insert(connection, idempotencyKey, kind, payment, refundNo, forward.amountMinor(), forwardKey)
        .orElseThrow(() -> new IllegalStateException("key " + idempotencyKey + " appeared under the forward's lock"));
    // A reversal takes the credit off the merchant's account; a credit back returns the debit.
    post(connection, id, payment, kind.equals(REVERSAL) ? -forward.amountMinor() : forward.amountMinor());
    return Optional.of(reference(id));
  }

  /** What is left of the credit to refund: credited - reversed - debited + credited back, this debit aside. */
  private static long leftToRefund(Connection connection, String creditKey, long credited, long thisDebit)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT "
        + "COALESCE(SUM(t.amount_minor) FILTER (WHERE t.kind = 'REVERSAL'), 0), "
        + "COALESCE(SUM(t.amount_minor) FILTER (WHERE t.kind = 'DEBIT' AND t.transaction_id <> ?), 0), "
        + "(SELECT COALESCE(SUM(b.amount_minor), 0) FROM paysaga_ledger_transactions b "
        + "  JOIN paysaga_ledger_transactions d ON b.against_key = d.idempotency_key "
        + "  WHERE b.kind = 'CREDIT_BACK' AND d.kind = 'DEBIT' AND d.against_key = ?) "
        + "FROM paysaga_ledger_transactions t WHERE t.against_key = ?")) {
      select.setLong(1, thisDebit);
      select.setString(2, creditKey);
      select.setString(3, creditKey);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return credited - row.getLong(1) - row.getLong(2) + row.getLong(3);
      }
    }
  }

  record Row(long id, String kind, long amountMinor) {}

  /** Inserts the key's transaction; empty when the key has one (a concurrent holder makes this wait). */
  private static Optional<Long> insert(Connection connection, String key, String kind, Payment payment,
      String refundNo, long amountMinor, String againstKey) throws SQLException {
    boolean isVoid = kind.equals(VOID);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO paysaga_ledger_transactions "
        + "(idempotency_key, kind, payment_no, refund_no, merchant_id, amount_minor, currency, against_key) "
        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING RETURNING transaction_id")) {
      insert.setString(1, key);
      insert.setString(2, kind);
      insert.setString(3, payment.paymentNo());
      insert.setString(4, refundNo);
      insert.setString(5, isVoid ? null : payment.merchantId());
      if (isVoid) {
        insert.setNull(6, java.sql.Types.BIGINT);
      } else {
        insert.setLong(6, amountMinor);
      }
      insert.setString(7, isVoid ? null : payment.currency());
      insert.setString(8, againstKey);
      try (ResultSet row = insert.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    }
  }

  /** The reference of the forward posted under the key before, or the refusal of a voided key. */
  private static String replay(Connection connection, String key, String kind, String what) throws SQLException {
    Row earlier = find(connection, key, false).orElseThrow(
        () -> new IllegalStateException("key " + key + " conflicted but has no transaction"));
    if (earlier.kind().equals(VOID)) {
      throw new ServiceRefusedException(Refusals.ALREADY_COMPENSATED, what + ": key " + key
          + " was voided by the compensation that came first");
    }
    expectKind(earlier, kind, key);
    return reference(earlier.id());
  }

  private static Optional<Row> lock(Connection connection, String key) throws SQLException {
    return find(connection, key, true);
  }

  private static Optional<Row> find(Connection connection, String key, boolean forUpdate) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement("SELECT transaction_id, kind, "
        + "COALESCE(amount_minor, 0) FROM paysaga_ledger_transactions WHERE idempotency_key = ?"
        + (forUpdate ? " FOR UPDATE" : ""))) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(new Row(row.getLong(1), row.getString(2), row.getLong(3)))
            : Optional.empty();
      }
    }
  }

  private static void expectKind(Row row, String kind, String key) {
    if (!row.kind().equals(kind)) {
      throw new ServiceRefusedException(Refusals.KEY_REUSED, "key " + key + " was used for a ledger " + row.kind()
          + ", not a " + kind);
    }
  }

  /** The two legs: {@code merchantAmount} on the merchant's account, its opposite on clearing. */
  private static void post(Connection connection, long transactionId, Payment payment, long merchantAmount)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO paysaga_ledger_entries "
        + "(transaction_id, account, amount_minor, currency) VALUES (?, ?, ?, ?), (?, ?, ?, ?)")) {
      insert.setLong(1, transactionId);
      insert.setString(2, merchantAccount(payment.merchantId()));
      insert.setLong(3, merchantAmount);
      insert.setString(4, payment.currency());
      insert.setLong(5, transactionId);
      insert.setString(6, clearingAccount(payment.currency()));
      insert.setLong(7, -merchantAmount);
      insert.setString(8, payment.currency());
      insert.executeUpdate();
    }
  }
}
