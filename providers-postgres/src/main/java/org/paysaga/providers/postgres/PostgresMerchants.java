package org.paysaga.providers.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;

/** The ledger's merchants: a frozen merchant's credits are refused; a merchant not listed is active. */
public final class PostgresMerchants {
  private final Transactions transactions;

  PostgresMerchants(Transactions transactions) {
    this.transactions = transactions;
  }

  /** Freezes the merchant (listing it when it was not). */
  public void freeze(String merchantId) {
    setFrozen(merchantId, true);
  }

  public void unfreeze(String merchantId) {
    setFrozen(merchantId, false);
  }

  public boolean isFrozen(String merchantId) {
    return transactions.inTransaction("read merchant " + merchantId, connection -> {
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT frozen FROM paysaga_merchants WHERE merchant_id = ?")) {
        select.setString(1, merchantId);
        try (ResultSet row = select.executeQuery()) {
          return row.next() && row.getBoolean(1);
        }
      }
    });
  }

  private void setFrozen(String merchantId, boolean frozen) {
    if (merchantId == null || merchantId.isBlank()) {
      throw new IllegalArgumentException("merchantId is required");
    }
    transactions.inTransaction((frozen ? "freeze" : "unfreeze") + " merchant " + merchantId, connection -> {
      try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO paysaga_merchants "
          + "(merchant_id, frozen) VALUES (?, ?) ON CONFLICT (merchant_id) "
          + "DO UPDATE SET frozen = EXCLUDED.frozen, updated_at = now()")) {
        upsert.setString(1, merchantId);
        upsert.setBoolean(2, frozen);
        return upsert.executeUpdate();
      }
    });
  }
}
