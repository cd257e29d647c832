package org.paysaga.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.testing.TestPayments.key;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.barrier.BarrierDecision;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaSettings;
import org.paysaga.testing.IsolatedKeyspace;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/** The TTL rule: a saga's barrier records never expire while it is open or parked, and do 7 days after it ends. */
class RedisSagaLifecycleTest {
  private static final Duration TTL = Duration.ofDays(7);

  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final IsolatedKeyspace keys = new IsolatedKeyspace(redis);
  private final InflightRegistry inflight = new InflightRegistry(redis, keys.keyspace());
  private final DlqStore dlq = new DlqStore(redis, keys.keyspace());
  private final IdempotencyBarrier barrier = new IdempotencyBarrier(redis);
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(redis);
  private final RedisSagaLifecycle lifecycle =
      new RedisSagaLifecycle(inflight, dlq, barrier, SagaSettings.DEFAULTS, TTL);

  @AfterEach
  void dropKeys() {
    keys.close();
  }

  @Test
  void anOpenSagasRecordsHaveNoTtl() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    lifecycle.register(payment.sagaId(), 1_000L);
    lifecycle.register(payment.sagaId(), 1_000L);

    chargeAndRefund(payment);

    assertThat(inflight.contains(payment.sagaId())).isTrue();
    assertThat(barrier.ttlSeconds(payment.sagaId())).isEqualTo(-1);
  }

  @Test
  void parkingTakesAnyTtlAwayAndARetryMuchLaterStillRefundsOnce() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    lifecycle.register(payment.sagaId(), 1_000L);
    String firstRefund = chargeAndRefund(payment);
    barrier.expire(payment.sagaId(), Duration.ofMinutes(1)); // as if an earlier run had ended

    lifecycle.park(entry(payment.sagaId()));
    lifecycle.park(entry(payment.sagaId()));

    assertThat(barrier.ttlSeconds(payment.sagaId())).isEqualTo(-1);
    assertThat(dlq.list(0, 10)).extracting(DlqEntry::sagaId).containsExactly(payment.sagaId());
    assertThat(inflight.contains(payment.sagaId())).isFalse();
    // The operator retries weeks later: the records are still there, the refund is not repeated.
    // The earlier end shrank the records to what was done: the replay answers ENDED, not the reference.
    assertThat(firstRefund).startsWith("re_");
    assertThat(barrier.begin(refundStep(payment)))
        .isEqualTo(new BarrierDecision(BarrierDecision.Verdict.REPLAYED, IdempotencyBarrier.ENDED));
    // Had the barrier record been lost, the refund's own key would still replay it.
    assertThat(refund(payment)).contains(firstRefund);
    PaymentAudit audit = sandbox.audit(payment.sagaId());
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.doubleRefunded()).isFalse();
  }

  @Test
  void finishingStartsTheSevenDayTtlAndLeavesRegistryAndDlq() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    lifecycle.register(payment.sagaId(), 1_000L);
    chargeAndRefund(payment);
    lifecycle.park(entry(payment.sagaId()));

    lifecycle.finish(payment.sagaId());
    lifecycle.finish(payment.sagaId());

    assertThat(barrier.ttlSeconds(payment.sagaId()))
        .isBetween(TTL.minusMinutes(1).toSeconds(), TTL.toSeconds());
    assertThat(dlq.get(payment.sagaId())).isEmpty();
    assertThat(inflight.contains(payment.sagaId())).isFalse();
  }

  @Test
  void settingsAreTheConfiguredOnes() {
    SagaSettings settings = new SagaSettings(Duration.ofSeconds(10), Duration.ofMinutes(3));

    assertThat(new RedisSagaLifecycle(inflight, dlq, barrier, settings, TTL).settings()).isEqualTo(settings);
  }

  /** A charge and its refund, each between the barrier's begin and record, as the activities make them. */
  private String chargeAndRefund(PaymentRequest payment) {
    BarrierStep charge = BarrierStep.forward(payment.sagaId(), CALL_PAYMENT_CHANNEL);
    barrier.begin(charge);
    barrier.record(charge, sandbox.channel().charge(key(payment, CALL_PAYMENT_CHANNEL),
        PaymentSagaActivities.payment(payment)));
    BarrierStep refund = refundStep(payment);
    barrier.begin(refund);
    return barrier.record(refund, refund(payment).orElseThrow()).recorded();
  }

  private static BarrierStep refundStep(PaymentRequest payment) {
    return BarrierStep.compensation(payment.sagaId(), CALL_PAYMENT_CHANNEL);
  }

  private Optional<String> refund(PaymentRequest payment) {
    return sandbox.channel().refund(key(payment, REFUND_PAYMENT), key(payment, CALL_PAYMENT_CHANNEL),
        payment.amountMinor(), PaymentSagaActivities.payment(payment));
  }

  private static DlqEntry entry(String sagaId) {
    return new DlqEntry(sagaId, sagaId, "run", "PaymentSaga", "P", Map.of(), "recovery gave up",
        List.of("recovery gave up"), List.of(), 1L, 2L, 0, DlqEntry.SOURCE_RECOVERY, null);
  }
}
