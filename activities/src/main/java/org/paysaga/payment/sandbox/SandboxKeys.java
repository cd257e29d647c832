package org.paysaga.payment.sandbox;

/**
 * Where the sandbox keeps one saga in Redis. Every key carries the hash tag {@code {<sagaId>}}, so
 * a saga's keys share one cluster slot and one Lua script may touch them together:
 * <pre>
 * sandbox:{payment-P1}:order                          hash: id, status, paymentNo, merchantId, ...
 * sandbox:{payment-P1}:charges                        hash: idempotency key -> charge
 * sandbox:{payment-P1}:refunds                        hash: idempotency key -> refund
 * sandbox:{payment-P1}:ledger                         hash: idempotency key -> credit or reversal
 * sandbox:{payment-P1}:attempts                       hash: activity type -> attempts seen
 * sandbox:{payment-P1}:attempt-times:CallPaymentChannel  list: start of each attempt, epoch ms
 * </pre>
 * Idempotency keys are {@code <sagaId>:<ActivityType>}, e.g. {@code payment-P1:CallPaymentChannel}.
 */
public record SandboxKeys(String sagaId) {

  public SandboxKeys {
    if (sagaId == null || sagaId.isBlank() || sagaId.contains("{") || sagaId.contains("}")) {
      // Braces would change the hash tag and split the saga over cluster slots.
      throw new IllegalArgumentException("saga id must be non-blank and free of braces: " + sagaId);
    }
  }

  public String order() {
    return prefix() + "order";
  }

  public String charges() {
    return prefix() + "charges";
  }

  public String refunds() {
    return prefix() + "refunds";
  }

  public String ledger() {
    return prefix() + "ledger";
  }

  public String attempts() {
    return prefix() + "attempts";
  }

  public String attemptTimes(String activityType) {
    return prefix() + "attempt-times:" + activityType;
  }

  /** The idempotency key of one step of this saga: {@code <sagaId>:<ActivityType>}. */
  public String idempotencyKey(String activityType) {
    return sagaId + ":" + activityType;
  }

  private String prefix() {
    return "sandbox:{" + sagaId + "}:";
  }
}
