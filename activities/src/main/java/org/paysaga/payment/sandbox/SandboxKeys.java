package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace;

/**
 * Where the sandbox keeps one saga in Redis, under the keyspace's prefix (default {@code saga}). Every key carries the hash tag {@code {<sagaId>}}, so
 * a saga's keys share one cluster slot and one Lua script may touch them together:
 * <pre>
 * saga:{payment-P1}:sandbox:order                     hash: id, status, paymentNo, merchantId, ...
 * saga:{payment-P1}:sandbox:charges                   hash: idempotency key -> charge
 * saga:{payment-P1}:sandbox:refunds                   hash: idempotency key -> refund
 * saga:{payment-P1}:sandbox:ledger                    hash: idempotency key -> credit or reversal
 * saga:{payment-P1}:sandbox:attempts                  hash: activity type -> attempts seen
 * saga:{payment-P1}:sandbox:attempt-times:CallPaymentChannel  list: start of each attempt, epoch ms
 * </pre>
 * Idempotency keys are {@code <sagaId>:<ActivityType>}, e.g. {@code payment-P1:CallPaymentChannel}.
 */
public record SandboxKeys(String sagaId, String base) {

  /** In the default keyspace. */
  public SandboxKeys(String sagaId) {
    this(SagaKeyspace.DEFAULT, sagaId);
  }

  public SandboxKeys(SagaKeyspace keyspace, String sagaId) {
    this(sagaId, keyspace.sandbox(sagaId));
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
    return base;
  }
}
