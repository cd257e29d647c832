package org.paysaga.refund.activity;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.catalog.Defaults;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.payment.sandbox.SandboxFailure;
import org.paysaga.redis.LuaScript;

/**
 * The sandbox merchant account's adjustments for refunds, one hash per refund saga
 * ({@code <prefix>:{<sagaId>}:sandbox:merchant-adjustments}), behaving as a downstream service must when the
 * barrier cannot share its script: it dedupes on the idempotency key it is handed, undoes by the
 * forward's key, and an undo of a key it never saw voids that key so the late debit is refused.
 */
public final class MerchantAdjustments {
  private static final LuaScript DEBIT = LuaScript.fromClasspath("lua/refund/debit.lua");
  private static final LuaScript UNDO = LuaScript.fromClasspath("lua/refund/undo-debit.lua");
  static final String NOTHING_TO_UNDO = "nothing-to-undo";

  private final RedisClusterCommands<String, String> redis;
  private final SagaKeyspace keyspace;
  private final String ttlSeconds;

  /** In the default keyspace, with the default TTL. */
  public MerchantAdjustments(RedisClusterCommands<String, String> redis) {
    this(redis, SagaKeyspace.DEFAULT, Defaults.IDEMPOTENCY_TTL);
  }

  /** @param ttl lifetime of a refund saga's adjustments after their last write */
  public MerchantAdjustments(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace, Duration ttl) {
    this.redis = redis;
    this.keyspace = keyspace;
    this.ttlSeconds = Long.toString(ttl.toSeconds());
  }

  /** Debits the merchant once per key; refused when the key was voided by an earlier undo. */
  String debit(String sagaId, String debitKey, PaymentRequest payment) {
    List<Object> reply = DEBIT.run(redis, ScriptOutputType.MULTI, List.of(key(sagaId)),
        debitKey, adjustment("debit", payment), ttlSeconds);
    if ("VOIDED".equals(reply.get(0))) {
      throw SandboxFailure.refusal(PaymentRefusals.SAGA_ALREADY_COMPENSATED,
          "the debit " + debitKey + " was voided by its undo before it arrived");
    }
    return reference((String) reply.get(1));
  }

  /** Credits back the debit posted under {@code debitKey}, once; voids the key if there was none. */
  String undoDebit(String sagaId, String debitKey, String undoKey, PaymentRequest payment) {
    List<Object> reply = UNDO.run(redis, ScriptOutputType.MULTI, List.of(key(sagaId)),
        debitKey, undoKey, adjustment("credit-back", payment), ttlSeconds);
    return "NOTHING_TO_DO".equals(reply.get(0)) ? NOTHING_TO_UNDO : reference((String) reply.get(1));
  }

  /** Every adjustment of a refund saga: key -> adjustment, and {@code void:<key>} markers. */
  public Map<String, String> all(String sagaId) {
    return redis.hgetall(key(sagaId));
  }

  private static String adjustment(String kind, PaymentRequest payment) {
    return "adj_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20) + "|" + kind + "|"
        + payment.amountMinor() + "|" + payment.currency() + "|" + payment.merchantId();
  }

  private static String reference(String adjustment) {
    return adjustment.substring(0, adjustment.indexOf('|'));
  }

  private String key(String sagaId) {
    return keyspace.sandbox(sagaId).merchantAdjustments();
  }
}
