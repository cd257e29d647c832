package org.paysaga.barrier;

import org.paysaga.redis.SagaKeyspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.barrier.BarrierDecision.Verdict.HANGING;
import static org.paysaga.barrier.BarrierDecision.Verdict.NOTHING_TO_DO;
import static org.paysaga.barrier.BarrierDecision.Verdict.PROCEED;
import static org.paysaga.barrier.BarrierDecision.Verdict.REPLAYED;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The barrier's begin/record path for effects outside Redis, with a service that keeps the
 * documented key contract: the cases the barrier alone cannot see (a worker that crashed after
 * the service acted, an attempt still on its way) end with no effect left behind.
 */
class OutsideEffectsTest {
  private static final String CHARGE = "CallPaymentChannel";
  private static final String REFUND = "RefundPayment";

  private final IdempotencyBarrier barrier = new IdempotencyBarrier(RedisTestServer.get().commands());
  private final KeyedPaymentService service = new KeyedPaymentService();
  private final String sagaId = "payment-" + TestPayments.uniquePaymentNo("outside");

  @Test
  void aRetriedChargeAfterACrashGetsTheFirstChargeBack() {
    assertThat(barrier.begin(forward()).verdict()).isEqualTo(PROCEED);
    String first = service.charge(chargeKey()); // the worker dies here, before record

    String retried = charge();

    assertThat(retried).isEqualTo(first);
    assertThat(barrier.records(sagaId)).containsEntry(CHARGE + ":f", first);
    assertThat(service.charges()).isEqualTo(1);
  }

  @Test
  void aCrashAfterTheChargeThenACompensationWithNothingRecordedStillRefunds() {
    assertThat(barrier.begin(forward()).verdict()).isEqualTo(PROCEED);
    service.charge(chargeKey()); // the worker dies here; the saga gives up on the step

    BarrierDecision undo = barrier.begin(compensation());
    assertThat(undo.verdict()).isEqualTo(NOTHING_TO_DO);
    refund(undo);

    assertThat(service.charges()).isEqualTo(1);
    assertThat(service.refunds()).as("the charge the barrier never saw is refunded").isEqualTo(1);
    assertThat(barrier.begin(forward()).verdict()).as("a late retry").isEqualTo(HANGING);
  }

  @Test
  void aSlowChargeLandingAfterItsNullCompensationIsRefusedByTheVoidedKey() {
    assertThat(barrier.begin(forward()).verdict()).isEqualTo(PROCEED); // then it is slow

    refund(barrier.begin(compensation()));

    assertThatThrownBy(() -> service.charge(chargeKey())).hasMessageContaining("voided");
    assertThat(barrier.record(forward(), "ch_never").verdict()).isEqualTo(HANGING);
    assertThat(service.charges()).isZero();
    assertThat(service.refunds()).isZero();
  }

  @Test
  void aRepeatedCompensationRefundsOnce() {
    charge();

    BarrierDecision first = barrier.begin(compensation());
    assertThat(first.verdict()).isEqualTo(PROCEED);
    String refund = refund(first);
    BarrierDecision again = barrier.begin(compensation());

    assertThat(again).isEqualTo(new BarrierDecision(REPLAYED, refund));
    assertThat(service.refunds()).isEqualTo(1);
  }

  @Test
  void racingAttemptsOfOneChargeTakeOneEffectAndAgreeOnItsResult() {
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<String>> attempts = IntStream.range(0, 8)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
          return charge();
        })).toList();
    go.countDown();

    List<String> results = attempts.stream().map(CompletableFuture::join).distinct().toList();

    assertThat(results).hasSize(1);
    assertThat(service.charges()).isEqualTo(1);
    assertThat(barrier.records(sagaId)).containsEntry(CHARGE + ":f", results.get(0));
  }

  /** A forward attempt as the docs write it: begin, act with the key, record. */
  private String charge() {
    BarrierDecision decision = barrier.begin(forward());
    if (decision.verdict() == PROCEED) {
      decision = barrier.record(forward(), service.charge(chargeKey()));
    }
    assertThat(decision.verdict()).isIn(PROCEED, REPLAYED);
    return decision.recorded();
  }

  /** A compensation as the docs write it: undo by the forward's key unless it was recorded before. */
  private String refund(BarrierDecision decision) {
    assertThat(decision.verdict()).isNotEqualTo(REPLAYED);
    String refund = service.refund(chargeKey(), SagaKeyspace.idempotencyKey(sagaId, REFUND));
    return barrier.record(compensation(), refund).recorded();
  }

  private BarrierStep forward() {
    return BarrierStep.forward(sagaId, CHARGE);
  }

  private BarrierStep compensation() {
    return BarrierStep.compensation(sagaId, CHARGE);
  }

  private String chargeKey() {
    return SagaKeyspace.idempotencyKey(sagaId, CHARGE);
  }
}
