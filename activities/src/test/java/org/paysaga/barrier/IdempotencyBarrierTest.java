package org.paysaga.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.payment.sandbox.SandboxEffect;
import org.paysaga.payment.sandbox.SandboxFailure;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The barrier's four guarantees, on a real Redis: at most once per step and phase (a repeat
 * returns the first result), null compensation, hanging refused, and keys that never expire while
 * the saga is open. Each sandbox case checks the audit for double charges and refunds.
 */
class IdempotencyBarrierTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final IdempotencyBarrier barrier = new IdempotencyBarrier(redis);
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(redis);

  @Test
  void aRepeatedForwardReturnsTheFirstResult() {
    String sagaId = sagaId();
    BarrierStep step = BarrierStep.forward(sagaId, "DebitMerchant");

    assertThat(barrier.begin(step).verdict()).isEqualTo(BarrierDecision.Verdict.PROCEED);
    barrier.record(step, "adj_first");
    assertThat(barrier.record(step, "adj_second").recorded()).isEqualTo("adj_first");
    assertThat(barrier.begin(step)).isEqualTo(new BarrierDecision(BarrierDecision.Verdict.REPLAYED, "adj_first"));
  }

  @Test
  void aCompensationWithoutForwardIsANullCompensationThatBlocksTheLateForward() {
    String sagaId = sagaId();

    assertThat(barrier.begin(BarrierStep.compensation(sagaId, "DebitMerchant")).verdict())
        .isEqualTo(BarrierDecision.Verdict.NOTHING_TO_DO);
    assertThat(barrier.begin(BarrierStep.compensation(sagaId, "DebitMerchant")).verdict())
        .as("a repeat of the null compensation").isEqualTo(BarrierDecision.Verdict.NOTHING_TO_DO);
    assertThat(barrier.begin(BarrierStep.forward(sagaId, "DebitMerchant")).verdict())
        .isEqualTo(BarrierDecision.Verdict.HANGING);
    assertThat(barrier.record(BarrierStep.forward(sagaId, "DebitMerchant"), "adj_late").verdict())
        .isEqualTo(BarrierDecision.Verdict.HANGING);
  }

  @Test
  void recordsDoNotExpireWhileTheSagaIsOpenAndDoOnceItEnds() {
    PaymentRequest payment = TestPayments.withCard("tok_visa");
    sandbox.orders().create(payment.sagaId(), payment);
    assertThat(barrier.ttlSeconds(payment.sagaId())).isEqualTo(-1);

    barrier.expire(payment.sagaId(), Duration.ofDays(7));
    assertThat(barrier.ttlSeconds(payment.sagaId())).isBetween(Duration.ofDays(7).toSeconds() - 5, Duration.ofDays(7).toSeconds());
    barrier.keep(payment.sagaId());
    assertThat(barrier.ttlSeconds(payment.sagaId())).isEqualTo(-1);
  }

  @Test
  void anEndedSagaKeepsWhatWasDoneWithoutTheReferences() {
    PaymentRequest payment = TestPayments.withCard("tok_visa");
    String sagaId = payment.sagaId();
    sandbox.orders().create(sagaId, payment);
    sandbox.channel().charge(sagaId, payment);
    sandbox.ledger().reverse(sagaId); // no credit: a null compensation, recorded '-'
    String barrierKey = SagaKeyspace.DEFAULT.barrier(sagaId);
    long before = redis.memoryUsage(barrierKey);

    barrier.expire(sagaId, Duration.ofDays(7));

    assertThat(barrier.records(sagaId)).containsOnly(
        Map.entry("CreateOrder:f", IdempotencyBarrier.ENDED),
        Map.entry("CallPaymentChannel:f", IdempotencyBarrier.ENDED),
        Map.entry("CreditMerchant:c", IdempotencyBarrier.NULL_COMPENSATION));
    assertThat(redis.memoryUsage(barrierKey)).isLessThan(before);
    // A zombie forward of the closed saga still changes nothing: replayed, or refused as hanging.
    assertThat(sandbox.channel().charge(sagaId, payment).outcome()).isEqualTo(SandboxEffect.Outcome.REPLAYED);
    assertThat(sandbox.audit(sagaId).charges()).isEqualTo(1);
    assertThatThrownBy(() -> sandbox.ledger().credit(sagaId, payment))
        .hasMessageContaining("arrived after its compensation was recorded");
  }

  @Test
  void aDuplicateCompensationRefundsOnce() {
    PaymentRequest payment = TestPayments.withCard("tok_visa");
    String sagaId = payment.sagaId();
    sandbox.channel().charge(sagaId, payment);

    String first = sandbox.channel().refund(sagaId, payment).reference();
    String again = sandbox.channel().refund(sagaId, payment).reference();

    assertThat(again).isEqualTo(first);
    PaymentAudit audit = sandbox.audit(sagaId);
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.netChargedMinor()).isZero();
  }

  @Test
  void aLateChargeAfterItsRefundIsRefusedAndChargesNothing() throws Exception {
    // tok_slow_1: the charge attempt sleeps a second before it charges; the refund (the
    // compensation of a timed-out charge) gets in first and finds nothing to refund.
    PaymentRequest payment = TestPayments.withCard("tok_slow_1");
    String sagaId = payment.sagaId();
    CompletableFuture<Object> lateCharge = CompletableFuture.supplyAsync(() -> {
      try {
        return sandbox.channel().charge(sagaId, payment);
      } catch (SandboxFailure e) {
        return e;
      }
    });
    TestPayments.awaitAttempt(sandbox, sagaId, "CallPaymentChannel");

    assertThat(sandbox.channel().refund(sagaId, payment).reference()).isEqualTo("nothing-to-refund");
    Object outcome = lateCharge.get(10, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOfSatisfying(SandboxFailure.class, failure -> {
      assertThat(failure.type()).isEqualTo(SandboxFailure.SAGA_ALREADY_COMPENSATED);
      assertThat(failure.retryable()).isFalse();
    });
    PaymentAudit audit = sandbox.audit(sagaId);
    assertThat(audit.charges()).isZero();
    assertThat(audit.refunds()).isZero();
  }

  @Test
  void aCrashBetweenAttemptsDoesNotChargeTwice() throws Exception {
    // Attempt 1's script charged, then its worker died before reporting; attempt 2 runs anew.
    PaymentRequest payment = TestPayments.withCard("tok_visa");
    String sagaId = payment.sagaId();
    String firstAttempt = sandbox.channel().charge(sagaId, payment).reference();

    String secondAttempt = sandbox.channel().charge(sagaId, payment).reference();

    assertThat(secondAttempt).isEqualTo(firstAttempt);
    assertThat(sandbox.audit(sagaId).charges()).isEqualTo(1);
    assertThat(sandbox.audit(sagaId).attempts("CallPaymentChannel")).isEqualTo(2);
  }

  @Test
  void concurrentDeliveriesOfOneChargeChargeOnce() throws Exception {
    PaymentRequest payment = TestPayments.withCard("tok_visa");
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<String>> attempts = List.of(1, 2, 3, 4).stream()
        .map(i -> CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return sandbox.channel().charge(payment.sagaId(), payment).reference();
        }))
        .toList();
    go.countDown();

    List<String> references = attempts.stream().map(CompletableFuture::join).distinct().toList();

    assertThat(references).hasSize(1);
    assertThat(sandbox.audit(payment.sagaId()).charges()).isEqualTo(1);
  }

  @Test
  void sagaIdsWithBracesAreRejected() {
    assertThatThrownBy(() -> SagaKeyspace.DEFAULT.barrier("payment-{x}")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String sagaId() {
    return "refund-" + TestPayments.uniquePaymentNo("barrier");
  }
}
