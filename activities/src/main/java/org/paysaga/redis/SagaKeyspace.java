package org.paysaga.redis;

import org.paysaga.catalog.Defaults;

/**
 * The one catalogue of Redis key names: every key the saga layer and its sandbox write, under one prefix
 * ({@code saga.redis.key-prefix}, the CLI's {@code --redis-key-prefix}). The default {@code saga}
 * gives the keys of the design ({@code saga:{inflight}}, {@code saga:{dlq}:entries},
 * {@code saga:{dlq}:index}, {@code saga:{<sagaId>}:barrier}); another prefix keeps several
 * deployments, or test runs, apart on one Redis. The hash tags stay, so each group still lives in
 * one cluster slot, and a saga's barrier and sandbox records share its slot.
 */
public record SagaKeyspace(String prefix) {
  public static final SagaKeyspace DEFAULT = new SagaKeyspace(Defaults.KEY_PREFIX);

  public SagaKeyspace {
    if (prefix == null || prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException("key prefix must be non-blank and free of braces: " + prefix);
    }
  }

  /** The saga's idempotency barrier: {@code <prefix>:{<sagaId>}:barrier}. */
  public String barrier(String sagaId) {
    return prefix + ":" + tag(sagaId) + ":barrier";
  }

  /** The sandbox's keys of one saga, all under {@code <prefix>:{<sagaId>}:sandbox:}. */
  public SandboxKeys sandbox(String sagaId) {
    return new SandboxKeys(sagaId, prefix + ":" + tag(sagaId) + ":sandbox:");
  }

  /**
   * The key a step hands downstream so the downstream service dedupes too:
   * {@code <sagaId>:<ActivityType>}, e.g. {@code payment-P1:CallPaymentChannel}.
   */
  public static String idempotencyKey(String sagaId, String activityType) {
    return sagaId + ":" + activityType;
  }

  private static String tag(String sagaId) {
    if (sagaId == null || sagaId.isBlank() || sagaId.contains("{") || sagaId.contains("}")) {
      // Braces would change the hash tag and split the saga over cluster slots.
      throw new IllegalArgumentException("saga id must be non-blank and free of braces: " + sagaId);
    }
    return "{" + sagaId + "}";
  }

  public String inflight() {
    return prefix + ":{inflight}";
  }

  public String dlqEntries() {
    return prefix + ":{dlq}:entries";
  }

  public String dlqIndex() {
    return prefix + ":{dlq}:index";
  }

  /** One operator action at a time on a saga: {@code <prefix>:{dlq}:operator:<sagaId>}. */
  public String dlqOperatorLock(String sagaId) {
    return prefix + ":{dlq}:operator:" + sagaId;
  }

  public String dlqResolutions() {
    return prefix + ":{dlq}:resolved";
  }

  /**
   * Where the sandbox keeps one saga. The hash tag {@code {<sagaId>}} puts them in the saga's
   * cluster slot, beside its barrier, so one Lua script may touch them together:
   * <pre>
   * saga:{payment-P1}:sandbox:order                     hash: id, status, paymentNo, merchantId, ...
   * saga:{payment-P1}:sandbox:charges                   hash: idempotency key -> charge
   * saga:{payment-P1}:sandbox:refunds                   hash: idempotency key -> refund
   * saga:{payment-P1}:sandbox:ledger                    hash: idempotency key -> credit or reversal
   * saga:{payment-P1}:sandbox:merchant-adjustments      hash: a refund saga's debits and credits back
   * saga:{payment-P1}:sandbox:attempts                  hash: idempotency key -> attempts seen
   * saga:{payment-P1}:sandbox:attempt-times:CallPaymentChannel  list: start of each attempt, epoch ms
   * </pre>
   *
   * @param base the keys' common start ({@code saga:{payment-P1}:sandbox:}), for scans
   */
  public record SandboxKeys(String sagaId, String base) {
    public String order() {
      return base + "order";
    }

    public String charges() {
      return base + "charges";
    }

    public String refunds() {
      return base + "refunds";
    }

    public String ledger() {
      return base + "ledger";
    }

    public String merchantAdjustments() {
      return base + "merchant-adjustments";
    }

    public String attempts() {
      return base + "attempts";
    }

    public String attemptTimes(String activityType) {
      return base + "attempt-times:" + activityType;
    }

    /** The idempotency key of one step of this saga. */
    public String idempotencyKey(String activityType) {
      return SagaKeyspace.idempotencyKey(sagaId, activityType);
    }
  }
}
