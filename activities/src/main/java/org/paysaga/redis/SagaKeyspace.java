package org.paysaga.redis;

/**
 * Names of every Redis key the saga layer and its sandbox write, under one prefix
 * ({@code saga.redis.key-prefix}, the CLI's {@code --redis-key-prefix}). The default {@code saga}
 * gives the keys of the design ({@code saga:{inflight}}, {@code saga:{dlq}:entries},
 * {@code saga:{dlq}:index}, {@code saga:{<sagaId>}:barrier}); another prefix keeps several
 * deployments, or test runs, apart on one Redis. The hash tags stay, so each group still lives in
 * one cluster slot, and a saga's barrier and sandbox records share its slot.
 */
public record SagaKeyspace(String prefix) {
  public static final SagaKeyspace DEFAULT = new SagaKeyspace("saga");

  public SagaKeyspace {
    if (prefix == null || prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException("key prefix must be non-blank and free of braces: " + prefix);
    }
  }

  /** The saga's idempotency barrier: {@code <prefix>:{<sagaId>}:barrier}. */
  public String barrier(String sagaId) {
    return prefix + ":" + tag(sagaId) + ":barrier";
  }

  /** The start of the sandbox's keys of one saga: {@code <prefix>:{<sagaId>}:sandbox:}. */
  public String sandbox(String sagaId) {
    return prefix + ":" + tag(sagaId) + ":sandbox:";
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
}
