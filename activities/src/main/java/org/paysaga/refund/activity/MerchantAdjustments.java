package org.paysaga.refund.activity;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.Map;
import java.util.UUID;
import org.paysaga.payment.PaymentRequest;

/**
 * The sandbox merchant account's adjustments (debits for refunds, and credits back), one hash per
 * refund saga, {@code sandbox:{<sagaId>}:merchant-adjustments}: idempotency key -> adjustment. The
 * account dedupes on the key it is handed, like a real downstream service must.
 */
public final class MerchantAdjustments {
  private static final long TTL_SECONDS = java.time.Duration.ofDays(7).toSeconds();

  private final RedisClusterCommands<String, String> redis;

  public MerchantAdjustments(RedisClusterCommands<String, String> redis) {
    this.redis = redis;
  }

  /** Posts an adjustment once per idempotency key; returns its reference (the first one's on a repeat). */
  String post(String sagaId, String idempotencyKey, String kind, PaymentRequest payment) {
    String reference = "adj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    String adjustment = reference + "|" + kind + "|" + payment.amountMinor() + "|" + payment.currency()
        + "|" + payment.merchantId();
    String key = key(sagaId);
    if (!redis.hsetnx(key, idempotencyKey, adjustment)) {
      adjustment = redis.hget(key, idempotencyKey);
    }
    redis.expire(key, TTL_SECONDS);
    return adjustment.substring(0, adjustment.indexOf('|'));
  }

  /** Every adjustment of a refund saga: idempotency key -> adjustment. */
  public Map<String, String> all(String sagaId) {
    return redis.hgetall(key(sagaId));
  }

  static String key(String sagaId) {
    return "sandbox:{" + sagaId + "}:merchant-adjustments";
  }
}
