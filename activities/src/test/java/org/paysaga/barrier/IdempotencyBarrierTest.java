package org.paysaga.barrier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.testing.TestPayments.key;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The barrier's four guarantees, on a real Redis: at most once per step and phase (a repeat
 * returns the first result), null compensation, hanging refused, and keys that never expire while
 * the saga is open; and the sandbox's per-key dedupe under it (each case checks the audit for
 * double charges and refunds).
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
    String sagaId = TestPayments.sagaId(TestPayments.withCard("tok_visa"));
    BarrierStep createOrder = BarrierStep.forward(sagaId, CREATE_ORDER);
    barrier.begin(createOrder);
    barrier.record(createOrder, "ord_1");
    assertThat(barrier.ttlSeconds(sagaId)).isEqualTo(-1);

    barrier.expire(sagaId, Duration.ofDays(7));
    assertThat(barrier.ttlSeconds(sagaId)).isBetween(Duration.ofDays(7).toSeconds() - 5, Duration.ofDays(7).toSeconds());
    barrier.keep(sagaId);
    assertThat(barrier.ttlSeconds(sagaId)).isEqualTo(-1);
  }

  @Test
  void anEndedSagaKeepsWhatWasDoneWithoutTheReferences() {
    String sagaId = TestPayments.sagaId(TestPayments.withCard("tok_visa"));
    for (String step : List.of(CREATE_ORDER, CALL_PAYMENT_CHANNEL)) {
      barrier.begin(BarrierStep.forward(sagaId, step));
      barrier.record(BarrierStep.forward(sagaId, step), step + "-reference");
    }
    // The credit began but recorded nothing; its reversal's begin records a null compensation, '-'.
    barrier.begin(BarrierStep.forward(sagaId, CREDIT_MERCHANT));
    assertThat(barrier.begin(BarrierStep.compensation(sagaId, CREDIT_MERCHANT)).verdict())
        .isEqualTo(BarrierDecision.Verdict.NOTHING_TO_DO);
    String barrierKey = SagaKeyspace.DEFAULT.barrier(sagaId);
    long before = redis.memoryUsage(barrierKey);

    barrier.expire(sagaId, Duration.ofDays(7));

    // The begin markers go: each step has a record that says more.
    assertThat(barrier.records(sagaId)).containsOnly(
        Map.entry("CreateOrder:f", IdempotencyBarrier.ENDED),
        Map.entry("CallPaymentChannel:f", IdempotencyBarrier.ENDED),
        Map.entry("CreditMerchant:c", IdempotencyBarrier.NULL_COMPENSATION));
    assertThat(redis.memoryUsage(barrierKey)).isLessThan(before);
    // A zombie forward of the closed saga still changes nothing: replayed, or refused as hanging.
    assertThat(barrier.begin(BarrierStep.forward(sagaId, CALL_PAYMENT_CHANNEL)))
        .isEqualTo(new BarrierDecision(BarrierDecision.Verdict.REPLAYED, IdempotencyBarrier.ENDED));
    assertThat(barrier.begin(BarrierStep.forward(sagaId, CREDIT_MERCHANT)).verdict())
        .isEqualTo(BarrierDecision.Verdict.HANGING);
  }

  // Below the barrier, the sandbox keeps the same promises per idempotency key: what a retry whose
  // barrier record was lost (the worker died between the call and its record) relies on.

  @Test
  void aDuplicateCompensationRefundsOnce() {
    PaymentRequest request = TestPayments.withCard("tok_visa");
    Payment payment = PaymentSagaActivities.payment(request);
    sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);

    Optional<String> first = sandbox.channel().refund(key(request, REFUND_PAYMENT), key(request, CALL_PAYMENT_CHANNEL),
        payment.amountMinor(), payment);
    Optional<String> again = sandbox.channel().refund(key(request, REFUND_PAYMENT), key(request, CALL_PAYMENT_CHANNEL),
        payment.amountMinor(), payment);

    assertThat(first).isPresent();
    assertThat(again).isEqualTo(first);
    PaymentAudit audit = sandbox.audit(request.sagaId());
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.netChargedMinor()).isZero();
  }

  @Test
  void aLateChargeAfterItsRefundIsRefusedAndChargesNothing() throws Exception {
    // tok_slow_1: the charge attempt sleeps a second before it charges; the refund (the
    // compensation of a timed-out charge) gets in first, finds nothing and voids the charge's key.
    PaymentRequest request = TestPayments.withCard("tok_slow_1");
    Payment payment = PaymentSagaActivities.payment(request);
    String sagaId = request.sagaId();
    CompletableFuture<Object> lateCharge = CompletableFuture.supplyAsync(() -> {
      try {
        return sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);
      } catch (ServiceRefusedException e) {
        return e;
      }
    });
    TestPayments.awaitAttempt(sandbox, sagaId, CALL_PAYMENT_CHANNEL);

    assertThat(sandbox.channel().refund(key(request, REFUND_PAYMENT), key(request, CALL_PAYMENT_CHANNEL),
        payment.amountMinor(), payment)).isEmpty();
    Object outcome = lateCharge.get(10, TimeUnit.SECONDS);

    assertThat(outcome).isInstanceOfSatisfying(ServiceRefusedException.class,
        refusal -> assertThat(refusal.reason()).isEqualTo(Refusals.ALREADY_COMPENSATED));
    PaymentAudit audit = sandbox.audit(sagaId);
    assertThat(audit.charges()).isZero();
    assertThat(audit.refunds()).isZero();
  }

  @Test
  void aCrashBetweenAttemptsDoesNotChargeTwice() {
    // Attempt 1 charged, then its worker died before reporting; attempt 2 runs anew with the same key.
    PaymentRequest request = TestPayments.withCard("tok_visa");
    Payment payment = PaymentSagaActivities.payment(request);
    String firstAttempt = sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);

    String secondAttempt = sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);

    assertThat(secondAttempt).isEqualTo(firstAttempt);
    assertThat(sandbox.audit(request.sagaId()).charges()).isEqualTo(1);
    assertThat(sandbox.audit(request.sagaId()).attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(2);
  }

  @Test
  void concurrentDeliveriesOfOneChargeChargeOnce() {
    PaymentRequest request = TestPayments.withCard("tok_visa");
    Payment payment = PaymentSagaActivities.payment(request);
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<String>> attempts = List.of(1, 2, 3, 4).stream()
        .map(i -> CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);
        }))
        .toList();
    go.countDown();

    List<String> references = attempts.stream().map(CompletableFuture::join).distinct().toList();

    assertThat(references).hasSize(1);
    assertThat(sandbox.audit(request.sagaId()).charges()).isEqualTo(1);
  }

  @Test
  void sagaIdsWithBracesAreRejected() {
    assertThatThrownBy(() -> SagaKeyspace.DEFAULT.barrier("payment-{x}")).isInstanceOf(IllegalArgumentException.class);
  }

  private static String sagaId() {
    return "refund-" + TestPayments.uniquePaymentNo("barrier");
  }
}
