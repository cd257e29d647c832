package org.paysaga.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;

import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.barrier.BarrierDecision;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SweepCursor;
import org.paysaga.testing.RedisClusterTestServer;
import org.paysaga.testing.TestPayments;

/** Every multi-key script on a real 3-master Redis Cluster: hash tags keep each call in one slot. */
class RedisClusterScriptsTest {
  private static RedisClusterTestServer cluster;
  private static RedisAdvancedClusterCommands<String, String> redis;

  @BeforeAll
  static void startCluster() {
    cluster = new RedisClusterTestServer();
    redis = cluster.connection().sync();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void theClusterHasThreeMastersAndASagasKeysShareOneSlot() {
    assertThat(redis.clusterNodes().lines().filter(l -> l.contains("master"))).hasSize(3);
    PaymentRequest payment = TestPayments.withCard("tok_visa");
    SandboxKeys sandboxKeys = SagaKeyspace.DEFAULT.sandbox(payment.sagaId());
    assertThat(List.of(slot(sandboxKeys.order()), slot(sandboxKeys.charges()), slot(sandboxKeys.ledger())))
        .containsOnly(slot(SagaKeyspace.DEFAULT.barrier(payment.sagaId())));
    assertThat(slot(SagaKeyspace.DEFAULT.dlqEntries())).isEqualTo(slot(SagaKeyspace.DEFAULT.dlqIndex()));
  }

  @Test
  void aWholeSagaOfSandboxScriptsRunsOnTheCluster() {
    SandboxPaymentServices sandbox = new SandboxPaymentServices(redis);
    PaymentRequest request = TestPayments.toMerchant("m_shop");
    Payment payment = PaymentSagaActivities.payment(request);
    String sagaId = request.sagaId();
    String chargeKey = TestPayments.key(request, CALL_PAYMENT_CHANNEL);
    String creditKey = TestPayments.key(request, CREDIT_MERCHANT);

    sandbox.orders().create(TestPayments.key(request, CREATE_ORDER), payment);
    String charge = sandbox.channel().charge(chargeKey, payment);
    sandbox.channel().charge(chargeKey, payment);
    assertThat(sandbox.channel().findCharge(chargeKey)).contains(charge);
    sandbox.ledger().credit(creditKey, payment);
    // A refund saga's debit and its credit back (take-back.lua and give-back.lua, in the payment's slot).
    Refund partial = new Refund(request.paymentNo() + "-r1", payment, 200);
    String debitKey = "refund-" + partial.refundNo() + ":DebitMerchant";
    sandbox.ledger().debit(debitKey, creditKey, partial);
    sandbox.ledger().creditBack("refund-" + partial.refundNo() + ":CreditMerchantBack", debitKey, partial);
    sandbox.ledger().reverse(TestPayments.key(request, REVERSE_MERCHANT_CREDIT), creditKey, payment);
    sandbox.channel().refund(TestPayments.key(request, REFUND_PAYMENT), chargeKey, payment.amountMinor(), payment);
    sandbox.channel().refund(TestPayments.key(request, REFUND_PAYMENT), chargeKey, payment.amountMinor(), payment);
    sandbox.orders().cancel(TestPayments.key(request, CANCEL_ORDER), TestPayments.key(request, CREATE_ORDER), payment);

    PaymentAudit audit = sandbox.audit(sagaId);
    assertThat(audit.charges()).isEqualTo(1);
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.refundDebitedMinor()).isZero();
    assertThat(audit.isCompensatedCleanly()).isTrue();
    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(2);
  }

  @Test
  void theBarrierDlqAndRegistryWorkOnTheCluster() {
    IdempotencyBarrier barrier = new IdempotencyBarrier(redis);
    String sagaId = "refund-" + TestPayments.uniquePaymentNo("cluster");
    BarrierStep debit = BarrierStep.forward(sagaId, "DebitMerchant");
    assertThat(barrier.begin(debit).verdict()).isEqualTo(BarrierDecision.Verdict.PROCEED);
    assertThat(barrier.record(debit, "adj_1").recorded()).isEqualTo("adj_1");
    assertThat(barrier.begin(debit)).isEqualTo(new BarrierDecision(BarrierDecision.Verdict.REPLAYED, "adj_1"));
    barrier.expire(sagaId, Duration.ofDays(7));
    assertThat(barrier.ttlSeconds(sagaId)).isPositive();

    SagaKeyspace keyspace = new SagaKeyspace("cluster-test");
    DlqStore dlq = new DlqStore(redis, keyspace);
    DlqEntry entry = new DlqEntry(sagaId, sagaId, "run", "RefundSaga", "R1", Map.of(), "test",
        List.of("test"), List.of(), 1L, 2L, 0, DlqEntry.SOURCE_SWEEPER, null);
    assertThat(dlq.park(entry)).isTrue();
    assertThat(dlq.park(entry)).isFalse();
    assertThat(dlq.list(0, 10)).extracting(DlqEntry::sagaId).containsExactly(sagaId);
    assertThat(dlq.remove(sagaId)).isTrue();
    assertThat(dlq.size()).isZero();

    InflightRegistry inflight = new InflightRegistry(redis, keyspace);
    inflight.register(sagaId, 5L);
    assertThat(inflight.pageAfter(SweepCursor.START, 10)).extracting(v -> v.getValue()).containsExactly(sagaId);
    inflight.remove(sagaId);
  }

  private static long slot(String key) {
    return redis.clusterKeyslot(key);
  }
}
