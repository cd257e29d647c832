package org.paysaga.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;
import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;
import static org.paysaga.refund.RefundSteps.CREDIT_MERCHANT_BACK;
import static org.paysaga.refund.RefundSteps.DEBIT_MERCHANT;
import static org.paysaga.testing.TestPayments.key;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paysaga.catalog.Defaults;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * Each sandbox call is one Redis round trip: its write script counts and logs the attempt itself
 * (attempt.lua), failing attempts of flaky values included. Only a slow card's charge logs its
 * attempt on its own first. Counted on the client: every command the sandbox sends is recorded.
 */
class SandboxRoundTripsTest {
  private static final List<String> ONE_EVALSHA = List.of("evalsha");

  private final List<String> sent = new CopyOnWriteArrayList<>();
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(
      recording(RedisTestServer.get().commands(), sent), SagaKeyspace.DEFAULT, Defaults.IDEMPOTENCY_TTL, clock::get);

  @BeforeEach
  void loadTheScripts() {
    // The first run of a script after a SCRIPT FLUSH or a restart sends it whole (EVAL): not counted.
    TestPayments.runEverySandboxStep(sandbox);
    PaymentRequest declined = TestPayments.withCard(SandboxMagicValues.CARD_DECLINED);
    assertThatThrownBy(() -> sandbox.channel().charge(key(declined, CALL_PAYMENT_CHANNEL),
        PaymentSagaActivities.payment(declined))).isInstanceOf(ServiceRefusedException.class);
    sent.clear();
  }

  @Test
  void everyCallOfAPaymentAndItsRefundIsOneEvalsha() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    Payment payment = PaymentSagaActivities.payment(request);
    Refund refund = new Refund(request.paymentNo() + "-r1", payment, 400);
    String refundSaga = "refund-" + refund.refundNo();

    assertOneRoundTrip("create", () -> sandbox.orders().create(key(request, CREATE_ORDER), payment));
    assertOneRoundTrip("charge", () -> sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment));
    assertOneRoundTrip("credit", () -> sandbox.ledger().credit(key(request, CREDIT_MERCHANT), payment));
    assertOneRoundTrip("complete",
        () -> sandbox.orders().complete(key(request, COMPLETE_ORDER), key(request, CREATE_ORDER), payment));
    assertOneRoundTrip("debit",
        () -> sandbox.ledger().debit(refundSaga + ":" + DEBIT_MERCHANT, key(request, CREDIT_MERCHANT), refund));
    assertOneRoundTrip("refund card", () -> sandbox.channel().refund(refundSaga + ":RefundCard",
        key(request, CALL_PAYMENT_CHANNEL), refund.amountMinor(), payment));
    assertOneRoundTrip("credit back", () -> sandbox.ledger().creditBack(refundSaga + ":" + CREDIT_MERCHANT_BACK,
        refundSaga + ":" + DEBIT_MERCHANT, refund));

    PaymentAudit audit = sandbox.audit(TestPayments.sagaId(request));
    assertThat(audit.orderStatus()).isEqualTo(OrderStatus.PAID);
    assertThat(audit.netChargedMinor()).isEqualTo(834);
    assertThat(audit.ledgerNetMinor()).as("the debit was credited back").isEqualTo(1234);
    assertThat(audit.attempts()).isEqualTo(Map.of("CreateOrder", 1, "CallPaymentChannel", 1,
        "CreditMerchant", 1, "CompleteOrder", 1, refundSaga + ":" + DEBIT_MERCHANT, 1,
        refundSaga + ":RefundCard", 1, refundSaga + ":" + CREDIT_MERCHANT_BACK, 1));
  }

  @Test
  void everyCompensationIsOneEvalsha() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    Payment payment = PaymentSagaActivities.payment(request);
    sandbox.orders().create(key(request, CREATE_ORDER), payment);
    sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);
    sandbox.ledger().credit(key(request, CREDIT_MERCHANT), payment);

    assertOneRoundTrip("reverse", () -> sandbox.ledger().reverse(key(request, REVERSE_MERCHANT_CREDIT),
        key(request, CREDIT_MERCHANT), payment));
    assertOneRoundTrip("refund", () -> sandbox.channel().refund(key(request, REFUND_PAYMENT),
        key(request, CALL_PAYMENT_CHANNEL), 1234, payment));
    assertOneRoundTrip("cancel",
        () -> sandbox.orders().cancel(key(request, CANCEL_ORDER), key(request, CREATE_ORDER), payment));
    assertThat(sandbox.audit(TestPayments.sagaId(request)).isCompensatedCleanly()).isTrue();
  }

  @Test
  void aFlakyCardsAndMerchantsFailingAttemptsAreOneEvalshaEachAndCountedAsBefore() {
    PaymentRequest request = TestPayments.payment(SandboxMagicValues.flakyCard(2), SandboxMagicValues.flakyMerchant(1));
    Payment payment = PaymentSagaActivities.payment(request);
    String chargeKey = key(request, CALL_PAYMENT_CHANNEL);
    long first = clock.get();

    assertOneRoundTrip("create", () -> sandbox.orders().create(key(request, CREATE_ORDER), payment));
    assertUnavailable(() -> sandbox.channel().charge(chargeKey, payment),
        "the payment channel is unavailable (attempt 1 of 2 that fail)");
    clock.addAndGet(2_000);
    assertUnavailable(() -> sandbox.channel().charge(chargeKey, payment),
        "the payment channel is unavailable (attempt 2 of 2 that fail)");
    clock.addAndGet(4_000);
    assertOneRoundTrip("charge", () -> sandbox.channel().charge(chargeKey, payment));
    assertUnavailable(() -> sandbox.ledger().credit(key(request, CREDIT_MERCHANT), payment),
        "the merchant ledger is unavailable (attempt 1 of 1 that fail)");
    clock.addAndGet(2_000);
    assertOneRoundTrip("credit", () -> sandbox.ledger().credit(key(request, CREDIT_MERCHANT), payment));
    assertOneRoundTrip("complete",
        () -> sandbox.orders().complete(key(request, COMPLETE_ORDER), key(request, CREATE_ORDER), payment));

    PaymentAudit audit = sandbox.audit(TestPayments.sagaId(request));
    assertThat(audit.isCompletedCleanly(1234)).isTrue();
    assertThat(audit.attempts()).isEqualTo(Map.of(
        "CreateOrder", 1, "CallPaymentChannel", 3, "CreditMerchant", 2, "CompleteOrder", 1));
    assertThat(audit.attemptTimes()).isEqualTo(Map.of(
        "CreateOrder", List.of(first),
        "CallPaymentChannel", List.of(first, first + 2_000, first + 6_000),
        "CreditMerchant", List.of(first + 6_000, first + 8_000),
        "CompleteOrder", List.of(first + 8_000)));
  }

  @Test
  void aFailingRefundIsOneEvalshaAndWritesNothing() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.refundFlakyCard(1));
    Payment payment = PaymentSagaActivities.payment(request);
    sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment);

    assertUnavailable(() -> sandbox.channel().refund(key(request, REFUND_PAYMENT),
        key(request, CALL_PAYMENT_CHANNEL), 1234, payment), "the payment channel failed to refund");
    assertThat(sandbox.audit(TestPayments.sagaId(request)).refunds()).isZero();
    assertOneRoundTrip("refund", () -> sandbox.channel().refund(key(request, REFUND_PAYMENT),
        key(request, CALL_PAYMENT_CHANNEL), 1234, payment));
    assertThat(sandbox.audit(TestPayments.sagaId(request)).attempts(REFUND_PAYMENT)).isEqualTo(2);
  }

  @Test
  void aRefusalBeforeAnyWriteOnlyLogsItsAttempt() {
    PaymentRequest declined = TestPayments.withCard(SandboxMagicValues.CARD_DECLINED);
    PaymentRequest frozen = TestPayments.toMerchant(SandboxMagicValues.MERCHANT_FROZEN);
    PaymentRequest refused = TestPayments.withCard(SandboxMagicValues.CARD_REFUND_REFUSED);
    sandbox.channel().charge(key(refused, CALL_PAYMENT_CHANNEL), PaymentSagaActivities.payment(refused));

    assertRefusedInOneRoundTrip(() -> sandbox.channel().charge(key(declined, CALL_PAYMENT_CHANNEL),
        PaymentSagaActivities.payment(declined)));
    assertRefusedInOneRoundTrip(() -> sandbox.ledger().credit(key(frozen, CREDIT_MERCHANT),
        PaymentSagaActivities.payment(frozen)));
    assertRefusedInOneRoundTrip(() -> sandbox.channel().refund(key(refused, REFUND_PAYMENT),
        key(refused, CALL_PAYMENT_CHANNEL), 1234, PaymentSagaActivities.payment(refused)));

    assertThat(sandbox.audit(TestPayments.sagaId(declined)).attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(1);
    assertThat(sandbox.audit(TestPayments.sagaId(frozen)).attempts(CREDIT_MERCHANT)).isEqualTo(1);
    assertThat(sandbox.audit(TestPayments.sagaId(refused)).attempts(REFUND_PAYMENT)).isEqualTo(1);
  }

  @Test
  void aSlowCardLogsItsAttemptAtItsStartThenCharges() {
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.slowCard(1));
    Payment payment = PaymentSagaActivities.payment(request);
    String charge = sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment); // loads the scripts
    sent.clear();

    assertThat(sandbox.channel().charge(key(request, CALL_PAYMENT_CHANNEL), payment)).isEqualTo(charge);

    assertThat(sent).containsExactly("evalsha", "evalsha");
    assertThat(sandbox.audit(TestPayments.sagaId(request)).attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(2);
  }

  @Test
  void aCallAfterScriptFlushSendsItsScriptWholeOnce() {
    // SCRIPT FLUSH hits the whole server: only on the Redis this JVM started.
    assumeTrue(RedisTestServer.get().isEmbedded(), "REDIS_URL is shared: no SCRIPT FLUSH there");
    PaymentRequest request = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    RedisTestServer.get().commands().scriptFlush();

    sandbox.orders().create(key(request, CREATE_ORDER), PaymentSagaActivities.payment(request));

    assertThat(sent).containsExactly("evalsha", "eval");
    assertOneRoundTrip("create again",
        () -> sandbox.orders().create(key(request, CREATE_ORDER), PaymentSagaActivities.payment(request)));
    assertThat(sandbox.audit(TestPayments.sagaId(request)).attempts(CREATE_ORDER)).isEqualTo(2);
  }

  private void assertOneRoundTrip(String call, Runnable run) {
    sent.clear();
    run.run();
    assertThat(sent).as("commands sent by " + call).isEqualTo(ONE_EVALSHA);
  }

  private void assertRefusedInOneRoundTrip(ThrowingCallable call) {
    sent.clear();
    assertThatThrownBy(call).isInstanceOf(ServiceRefusedException.class);
    assertThat(sent).isEqualTo(ONE_EVALSHA);
  }

  private void assertUnavailable(ThrowingCallable call, String message) {
    sent.clear();
    assertThatThrownBy(call).isInstanceOf(ServiceUnavailableException.class).hasMessage(message);
    assertThat(sent).as("commands sent by the attempt that failed: " + message).isEqualTo(ONE_EVALSHA);
  }

  /** The commands, each one round trip on the sync API, recorded by name as they are sent. */
  @SuppressWarnings("unchecked")
  private static RedisClusterCommands<String, String> recording(RedisClusterCommands<String, String> redis,
      List<String> sent) {
    return (RedisClusterCommands<String, String>) Proxy.newProxyInstance(SandboxRoundTripsTest.class.getClassLoader(),
        new Class<?>[] {RedisClusterCommands.class}, (proxy, method, args) -> {
          sent.add(method.getName());
          try {
            return method.invoke(redis, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
