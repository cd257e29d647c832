package org.paysaga.redis;

/**
 * Names of the saga layer's shared Redis keys. The default prefix {@code saga} gives the keys of
 * the design ({@code saga:{inflight}}, {@code saga:{dlq}:entries}, {@code saga:{dlq}:index});
 * another prefix keeps several deployments, or test runs, apart on one Redis. The hash tags stay,
 * so each group still lives in one cluster slot.
 */
public record SagaKeyspace(String prefix) {
  public static final SagaKeyspace DEFAULT = new SagaKeyspace("saga");

  public SagaKeyspace {
    if (prefix == null || prefix.isBlank() || prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException("key prefix must be non-blank and free of braces: " + prefix);
    }
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
