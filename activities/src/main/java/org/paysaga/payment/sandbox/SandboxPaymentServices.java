package org.paysaga.payment.sandbox;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.paysaga.catalog.Defaults;
import org.paysaga.ports.PaymentServices;
import org.paysaga.redis.SagaKeyspace;

/**
 * The sandbox payment services on one Redis (standalone or cluster): adapters of the three ports
 * that pick their behaviour from magic values (SandboxMagicValues), and the audit that reads a
 * payment back. The default of the local profile, the demo and the tests.
 */
public final class SandboxPaymentServices {
  private final SandboxOrders orders;
  private final SandboxPaymentChannel channel;
  private final SandboxLedger ledger;
  private final SandboxAudit audit;

  public SandboxPaymentServices(RedisClusterCommands<String, String> redis) {
    this(redis, SagaKeyspace.DEFAULT, Defaults.IDEMPOTENCY_TTL, System::currentTimeMillis);
  }

  /**
   * @param keyspace the deployment's key prefix: the sandbox's keys and the barrier's live under it
   * @param ttl lifetime of a saga's keys after their last write
   * @param clock epoch ms stamped on orders and attempts; tests on Temporal's time-skipping
   *     environment pass {@code testEnv::currentTimeMillis}
   */
  public SandboxPaymentServices(
      RedisClusterCommands<String, String> redis, SagaKeyspace keyspace, Duration ttl, LongSupplier clock) {
    SandboxStore store = new SandboxStore(redis, keyspace, ttl, clock);
    this.orders = new SandboxOrders(store);
    this.channel = new SandboxPaymentChannel(store);
    this.ledger = new SandboxLedger(store);
    this.audit = new SandboxAudit(store);
  }

  public SandboxOrders orders() {
    return orders;
  }

  public SandboxPaymentChannel channel() {
    return channel;
  }

  public SandboxLedger ledger() {
    return ledger;
  }

  /** The three, as the saga worker takes them. */
  public PaymentServices services() {
    return new PaymentServices(orders, channel, ledger);
  }

  /** Everything the sandbox recorded for one saga (workflow ID), in one atomic read. */
  public PaymentAudit audit(String sagaId) {
    return audit.audit(sagaId);
  }
}
