package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.sandbox.SandboxFailures.assertRefused;
import static org.paysaga.payment.sandbox.SandboxFailures.assertUnavailable;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.SandboxEffect.Outcome;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

class SandboxPaymentChannelTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SandboxPaymentChannel channel = new SandboxPaymentServices(redis).channel();

  @Test
  void chargesAnOrdinaryCardOnceUnderTheSagasKey() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);

    SandboxEffect charge = channel.charge(sagaId, payment);

    assertThat(charge.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(charge.reference()).startsWith("ch_");
    assertThat(redis.hgetall(SagaKeyspace.DEFAULT.sandbox(sagaId).charges()))
        .containsExactly(Map.entry(sagaId + ":CallPaymentChannel", charge.reference() + "|1234|CNY"));
  }

  @Test
  void anyOtherTokenChargesToo() {
    PaymentRequest payment = TestPayments.withCard("tok_mastercard");

    assertThat(channel.charge(TestPayments.sagaId(payment), payment).outcome())
        .isEqualTo(Outcome.APPLIED);
    assertThat(redis.hlen(SagaKeyspace.DEFAULT.sandbox(TestPayments.sagaId(payment)).charges())).isEqualTo(1);
  }

  @Test
  void aDeclinedCardIsRefusedAndNotCharged() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_DECLINED);
    String sagaId = TestPayments.sagaId(payment);

    assertRefused(() -> channel.charge(sagaId, payment), PaymentRefusals.CARD_DECLINED);

    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(sagaId).charges())).isZero();
    assertThat(redis.hget(SagaKeyspace.DEFAULT.sandbox(sagaId).attempts(), CALL_PAYMENT_CHANNEL)).isEqualTo("1");
  }

  @Test
  void aFlakyCardFailsItsFirstAttemptsThenCharges() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.flakyCard(2));
    String sagaId = TestPayments.sagaId(payment);

    assertUnavailable(() -> channel.charge(sagaId, payment), SandboxFailure.CHANNEL_UNAVAILABLE);
    assertUnavailable(() -> channel.charge(sagaId, payment), SandboxFailure.CHANNEL_UNAVAILABLE);
    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(sagaId).charges())).isZero();

    assertThat(channel.charge(sagaId, payment).outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(redis.hlen(SagaKeyspace.DEFAULT.sandbox(sagaId).charges())).isEqualTo(1);
    assertThat(redis.hget(SagaKeyspace.DEFAULT.sandbox(sagaId).attempts(), CALL_PAYMENT_CHANNEL)).isEqualTo("3");
  }

  @Test
  void chargingTwiceChargesOnce() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);

    SandboxEffect first = channel.charge(sagaId, payment);
    SandboxEffect second = channel.charge(sagaId, payment);

    assertThat(second).isEqualTo(new SandboxEffect(first.reference(), Outcome.REPLAYED));
    assertThat(redis.hlen(SagaKeyspace.DEFAULT.sandbox(sagaId).charges())).isEqualTo(1);
    assertThat(redis.hget(SagaKeyspace.DEFAULT.sandbox(sagaId).attempts(), CALL_PAYMENT_CHANNEL)).isEqualTo("2");
  }

  @Test
  void aSlowCardTakesItsTimeAndOverlappingAttemptsChargeOnce() throws Exception {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.slowCard(1));
    String sagaId = TestPayments.sagaId(payment);

    long started = System.nanoTime();
    List<SandboxEffect> effects = concurrently(2, () -> channel.charge(sagaId, payment));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(2));
    assertThat(effects).extracting(SandboxEffect::outcome)
        .containsExactlyInAnyOrder(Outcome.APPLIED, Outcome.REPLAYED);
    assertThat(effects).extracting(SandboxEffect::reference).containsOnly(effects.get(0).reference());
    assertThat(redis.hlen(SagaKeyspace.DEFAULT.sandbox(sagaId).charges())).isEqualTo(1);
  }

  @Test
  void manyConcurrentAttemptsChargeOnce() throws Exception {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);

    List<SandboxEffect> effects = concurrently(8, () -> channel.charge(sagaId, payment));

    assertThat(effects).filteredOn(effect -> effect.outcome() == Outcome.APPLIED).hasSize(1);
    assertThat(effects).extracting(SandboxEffect::reference).containsOnly(effects.get(0).reference());
    assertThat(redis.hlen(SagaKeyspace.DEFAULT.sandbox(sagaId).charges())).isEqualTo(1);
  }

  @Test
  void refundingTwiceRefundsTheChargeOnce() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);
    SandboxEffect charge = channel.charge(sagaId, payment);

    SandboxEffect refund = channel.refund(sagaId, payment);
    SandboxEffect again = channel.refund(sagaId, payment);

    assertThat(refund.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(refund.reference()).startsWith("re_");
    assertThat(again).isEqualTo(new SandboxEffect(refund.reference(), Outcome.REPLAYED));
    assertThat(redis.hgetall(SagaKeyspace.DEFAULT.sandbox(sagaId).refunds())).containsExactly(Map.entry(
        sagaId + ":RefundPayment", refund.reference() + "|" + charge.reference() + "|1234|CNY"));
  }

  @Test
  void refundingWithoutAChargeDoesNothingAndSucceeds() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);

    SandboxEffect refund = channel.refund(sagaId, payment);

    assertThat(refund).isEqualTo(
        new SandboxEffect(SandboxPaymentChannel.NOTHING_TO_REFUND, Outcome.NOTHING_TO_DO));
    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(sagaId).refunds())).isZero();
    assertThat(redis.hget(SagaKeyspace.DEFAULT.sandbox(sagaId).attempts(), REFUND_PAYMENT)).isEqualTo("1");
  }

  @Test
  void aRefundFailCardChargesButEveryRefundFails() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_REFUND_FAILS);
    String sagaId = TestPayments.sagaId(payment);

    assertThat(channel.charge(sagaId, payment).outcome()).isEqualTo(Outcome.APPLIED);
    IntStream.range(0, 3).forEach(i ->
        assertUnavailable(() -> channel.refund(sagaId, payment), SandboxFailure.REFUND_FAILED));

    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(sagaId).refunds())).isZero();
    assertThat(redis.hget(SagaKeyspace.DEFAULT.sandbox(sagaId).attempts(), REFUND_PAYMENT)).isEqualTo("3");
  }

  /** Runs {@code call} on {@code threads} threads released at the same moment. */
  private static List<SandboxEffect> concurrently(int threads, Callable<SandboxEffect> call)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<SandboxEffect>> futures = IntStream.range(0, threads)
          .mapToObj(i -> pool.submit(() -> {
            start.await();
            return call.call();
          }))
          .toList();
      start.countDown();
      List<SandboxEffect> effects = new ArrayList<>();
      for (Future<SandboxEffect> future : futures) {
        effects.add(future.get());
      }
      return effects;
    } finally {
      pool.shutdownNow();
    }
  }
}
