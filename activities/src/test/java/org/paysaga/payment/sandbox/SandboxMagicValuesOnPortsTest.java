package org.paysaga.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;
import static org.paysaga.payment.sandbox.SandboxFailures.assertRefused;
import static org.paysaga.payment.sandbox.SandboxFailures.assertUnavailable;
import static org.paysaga.testing.TestPayments.key;

import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.paysaga.catalog.Defaults;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refusals;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The sandbox's own behaviour behind the ports, beyond the contract (the *ContractTest classes):
 * the magic card tokens and merchant IDs (flaky charge and credit, decline, frozen merchant,
 * failing, refused and flaky refunds, slow cards), what it stores under each idempotency key, and
 * the attempts it counts per key.
 */
class SandboxMagicValuesOnPortsTest {
  private static final long NOW = 1_700_000_000_000L;

  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SandboxPaymentServices sandbox =
      new SandboxPaymentServices(redis, SagaKeyspace.DEFAULT, Defaults.IDEMPOTENCY_TTL, () -> NOW);
  private final SandboxOrders orders = sandbox.orders();
  private final SandboxPaymentChannel channel = sandbox.channel();
  private final SandboxLedger ledger = sandbox.ledger();

  // --- orders ---

  @Test
  void createsTheOrderOnceWithThePaymentsFields() {
    PaymentRequest request = TestPayments.toMerchant("m_shop");
    Payment payment = PaymentSagaActivities.payment(request);

    String order = orders.create(key(request, CREATE_ORDER), payment);

    assertThat(order).startsWith("ord_");
    assertThat(orders.create(key(request, CREATE_ORDER), payment)).isEqualTo(order);
    assertThat(redis.hgetall(keys(request).order())).isEqualTo(Map.of(
        "id", order, "status", "CREATED", "paymentNo", request.paymentNo(),
        "merchantId", "m_shop", "amountMinor", "1234", "currency", "CNY",
        "createdAt", Long.toString(NOW), "updatedAt", Long.toString(NOW)));
  }

  @Test
  void completingAndCancellingMoveTheStoredStatus() {
    PaymentRequest paid = TestPayments.toMerchant("m_shop");
    String order = orders.create(key(paid, CREATE_ORDER), payment(paid));
    assertThat(orders.complete(key(paid, COMPLETE_ORDER), key(paid, CREATE_ORDER), payment(paid))).isEqualTo(order);
    assertThat(redis.hget(keys(paid).order(), "status")).isEqualTo("PAID");
    assertRefused(() -> orders.cancel(key(paid, CANCEL_ORDER), key(paid, CREATE_ORDER), payment(paid)),
        Refusals.ORDER_STATE_CONFLICT);
    assertThat(redis.hget(keys(paid).order(), "status")).isEqualTo("PAID");

    PaymentRequest cancelled = TestPayments.toMerchant("m_shop");
    String other = orders.create(key(cancelled, CREATE_ORDER), payment(cancelled));
    assertThat(orders.cancel(key(cancelled, CANCEL_ORDER), key(cancelled, CREATE_ORDER), payment(cancelled)))
        .contains(other);
    assertThat(redis.hget(keys(cancelled).order(), "status")).isEqualTo("CANCELLED");
    // A CreateOrder retried after its compensation replays the order and changes nothing.
    assertThat(orders.create(key(cancelled, CREATE_ORDER), payment(cancelled))).isEqualTo(other);
    assertThat(redis.hget(keys(cancelled).order(), "status")).isEqualTo("CANCELLED");
  }

  @Test
  void cancellingWithoutAnOrderCreatesNoneAndOnlyVoidsIt() {
    PaymentRequest request = TestPayments.toMerchant("m_shop");

    assertThat(orders.cancel(key(request, CANCEL_ORDER), key(request, CREATE_ORDER), payment(request))).isEmpty();

    assertThat(redis.hgetall(keys(request).order())).isEqualTo(Map.of("#void", "1"));
    assertRefused(() -> orders.create(key(request, CREATE_ORDER), payment(request)), Refusals.ALREADY_COMPENSATED);
    assertThat(redis.hexists(keys(request).order(), "id")).isFalse();
  }

  // --- payment channel ---

  @Test
  void chargesAnOrdinaryCardOnceUnderItsKey() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);

    String charge = channel.charge(key(request, CALL_PAYMENT_CHANNEL), payment(request));

    assertThat(charge).startsWith("ch_");
    assertThat(redis.hgetall(keys(request).charges()))
        .containsExactly(Map.entry(key(request, CALL_PAYMENT_CHANNEL), charge + "|1234|CNY"));
    assertThat(channel.charge(key(request, CALL_PAYMENT_CHANNEL), payment(request))).isEqualTo(charge);
    assertThat(attempts(request, CALL_PAYMENT_CHANNEL)).isEqualTo("2");
  }

  @Test
  void anyOtherTokenChargesToo() {
    PaymentRequest request = TestPayments.withCard("tok_mastercard");

    assertThat(channel.charge(key(request, CALL_PAYMENT_CHANNEL), payment(request))).startsWith("ch_");
    assertThat(redis.hlen(keys(request).charges())).isEqualTo(1);
  }

  @Test
  void aDeclinedCardIsRefusedAndNotCharged() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_DECLINED);

    assertRefused(() -> channel.charge(key(request, CALL_PAYMENT_CHANNEL), payment(request)),
        Refusals.CARD_DECLINED);

    assertThat(redis.exists(keys(request).charges())).isZero();
    assertThat(attempts(request, CALL_PAYMENT_CHANNEL)).isEqualTo("1");
  }

  @Test
  void aFlakyCardFailsItsFirstAttemptsThenCharges() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.flakyCard(2));
    String chargeKey = key(request, CALL_PAYMENT_CHANNEL);

    assertUnavailable(() -> channel.charge(chargeKey, payment(request)));
    assertUnavailable(() -> channel.charge(chargeKey, payment(request)));
    assertThat(redis.exists(keys(request).charges())).isZero();
    assertThat(channel.findCharge(chargeKey)).isEmpty();

    String charge = channel.charge(chargeKey, payment(request));
    assertThat(channel.findCharge(chargeKey)).contains(charge);
    assertThat(redis.hlen(keys(request).charges())).isEqualTo(1);
    assertThat(attempts(request, CALL_PAYMENT_CHANNEL)).isEqualTo("3");
  }

  @Test
  void aSlowCardTakesItsTimeAndOverlappingAttemptsChargeOnce() throws Exception {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.slowCard(1));

    long started = System.nanoTime();
    List<String> charges = concurrently(2, () -> channel.charge(key(request, CALL_PAYMENT_CHANNEL), payment(request)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(2));
    assertThat(charges).containsOnly(charges.get(0));
    assertThat(redis.hlen(keys(request).charges())).isEqualTo(1);
  }

  @Test
  void aRefundIsStoredWithTheChargesKeyAndCountedOnce() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String chargeKey = key(request, CALL_PAYMENT_CHANNEL);
    channel.charge(chargeKey, payment(request));

    Optional<String> refund = channel.refund(key(request, REFUND_PAYMENT), chargeKey, 1234, payment(request));

    assertThat(refund).hasValueSatisfying(id -> assertThat(id).startsWith("re_"));
    assertThat(channel.refund(key(request, REFUND_PAYMENT), chargeKey, 1234, payment(request))).isEqualTo(refund);
    assertThat(redis.hgetall(keys(request).refunds())).containsExactly(
        Map.entry(key(request, REFUND_PAYMENT), refund.orElseThrow() + "|1234|CNY|" + chargeKey));
    assertThat(sandbox.audit(TestPayments.sagaId(request)).netChargedMinor()).isZero();
  }

  @Test
  void aRefundFailCardChargesButEveryRefundFails() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_REFUND_FAILS);
    String chargeKey = key(request, CALL_PAYMENT_CHANNEL);

    assertThat(channel.charge(chargeKey, payment(request))).startsWith("ch_");
    IntStream.range(0, 3).forEach(i -> assertUnavailable(
        () -> channel.refund(key(request, REFUND_PAYMENT), chargeKey, 1234, payment(request))));

    assertThat(redis.exists(keys(request).refunds())).isZero();
    assertThat(attempts(request, REFUND_PAYMENT)).isEqualTo("3");
  }

  @Test
  void aRefundFlakyCardFailsItsFirstRefundsThenRefunds() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.refundFlakyCard(2));
    String chargeKey = key(request, CALL_PAYMENT_CHANNEL);
    channel.charge(chargeKey, payment(request));

    assertUnavailable(() -> channel.refund(key(request, REFUND_PAYMENT), chargeKey, 1234, payment(request)));
    assertUnavailable(() -> channel.refund(key(request, REFUND_PAYMENT), chargeKey, 1234, payment(request)));
    assertThat(redis.exists(keys(request).refunds())).isZero();

    assertThat(channel.refund(key(request, REFUND_PAYMENT), chargeKey, 1234, payment(request))).isPresent();
    assertThat(redis.hlen(keys(request).refunds())).isEqualTo(1);
    assertThat(attempts(request, REFUND_PAYMENT)).isEqualTo("3");
  }

  @Test
  void aRefundRefusedCardChargesButItsRefundsAreRefused() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_REFUND_REFUSED);
    String chargeKey = key(request, CALL_PAYMENT_CHANNEL);
    channel.charge(chargeKey, payment(request));

    assertRefused(() -> channel.refund(key(request, REFUND_PAYMENT), chargeKey, 1234, payment(request)),
        Refusals.REFUND_REFUSED);

    assertThat(redis.exists(keys(request).refunds())).isZero();
    assertThat(channel.findCharge(chargeKey)).isPresent();
  }

  // --- merchant ledger ---

  @Test
  void creditsTheMerchantOnceUnderItsKey() {
    PaymentRequest request = TestPayments.toMerchant("m_shop");

    String credit = ledger.credit(key(request, CREDIT_MERCHANT), payment(request));

    assertThat(credit).startsWith("le_");
    assertThat(ledger.credit(key(request, CREDIT_MERCHANT), payment(request))).isEqualTo(credit);
    assertThat(redis.hgetall(keys(request).ledger()))
        .containsExactly(Map.entry(key(request, CREDIT_MERCHANT), credit + "|1234|CNY|m_shop"));
  }

  @Test
  void aFrozenMerchantIsRefusedAndNotCredited() {
    PaymentRequest request = TestPayments.toMerchant(SandboxMagicValues.MERCHANT_FROZEN);

    assertRefused(() -> ledger.credit(key(request, CREDIT_MERCHANT), payment(request)), Refusals.MERCHANT_FROZEN);

    assertThat(redis.exists(keys(request).ledger())).isZero();
  }

  @Test
  void aFlakyMerchantFailsItsFirstAttemptsThenIsCredited() {
    PaymentRequest request = TestPayments.toMerchant(SandboxMagicValues.flakyMerchant(2));

    assertUnavailable(() -> ledger.credit(key(request, CREDIT_MERCHANT), payment(request)));
    assertUnavailable(() -> ledger.credit(key(request, CREDIT_MERCHANT), payment(request)));
    assertThat(redis.exists(keys(request).ledger())).isZero();

    assertThat(ledger.credit(key(request, CREDIT_MERCHANT), payment(request))).startsWith("le_");
    assertThat(redis.hlen(keys(request).ledger())).isEqualTo(1);
    assertThat(attempts(request, CREDIT_MERCHANT)).isEqualTo("3");
  }

  @Test
  void aReversalIsStoredWithTheCreditItUndoes() {
    PaymentRequest request = TestPayments.toMerchant("m_shop");
    String credit = ledger.credit(key(request, CREDIT_MERCHANT), payment(request));

    Optional<String> reversal =
        ledger.reverse(key(request, REVERSE_MERCHANT_CREDIT), key(request, CREDIT_MERCHANT), payment(request));

    assertThat(reversal).hasValueSatisfying(id -> assertThat(id).startsWith("lr_"));
    assertThat(redis.hget(keys(request).ledger(), key(request, REVERSE_MERCHANT_CREDIT)))
        .isEqualTo(reversal.orElseThrow() + "|" + credit + "|1234|CNY|m_shop");
    assertThat(sandbox.audit(TestPayments.sagaId(request)).ledgerNetMinor()).isZero();
  }

  @Test
  void reversingWithoutACreditRecordsNoMovement() {
    PaymentRequest request = TestPayments.toMerchant("m_shop");

    assertThat(ledger.reverse(key(request, REVERSE_MERCHANT_CREDIT), key(request, CREDIT_MERCHANT), payment(request)))
        .isEmpty();

    assertThat(redis.hgetall(keys(request).ledger()))
        .isEqualTo(Map.of("#void:" + key(request, CREDIT_MERCHANT), "1"));
    assertThat(sandbox.audit(TestPayments.sagaId(request)).ledgerCredits()).isZero();
  }

  private static Payment payment(PaymentRequest request) {
    return PaymentSagaActivities.payment(request);
  }

  private static SandboxKeys keys(PaymentRequest request) {
    return SagaKeyspace.DEFAULT.sandbox(TestPayments.sagaId(request));
  }

  /** The attempts the sandbox counted under the step's idempotency key. */
  private String attempts(PaymentRequest request, String activityType) {
    return redis.hget(keys(request).attempts(), key(request, activityType));
  }

  /** Runs {@code call} on {@code threads} threads released at the same moment. */
  private static <T> List<T> concurrently(int threads, Callable<T> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = IntStream.range(0, threads)
          .mapToObj(i -> pool.submit(() -> {
            start.await();
            return call.call();
          }))
          .toList();
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
