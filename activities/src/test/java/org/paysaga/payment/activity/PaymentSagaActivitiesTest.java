package org.paysaga.payment.activity;

import org.paysaga.redis.SagaKeyspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.activity.ServiceCalls;
import org.paysaga.activity.ServicePort;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.PaymentServices;
import org.paysaga.ports.Refusals;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.StepReceipt;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The activities on the sandbox services and the barrier, under Temporal's TestActivityEnvironment,
 * which runs each call as a real activity task: the attempt comes from the activity info, the saga
 * ID from the request (so a compensation workflow for a saga Temporal gave up on reaches the same
 * records), the ports' failures become Temporal failures, and a charge whose answer was lost is
 * settled by the channel's findCharge.
 */
class PaymentSagaActivitiesTest {
  /**
   * The attempt this environment's activity info reports: it never retries and leaves the attempt
   * unset. Real attempts (1, 2, 3...) are checked in {@link PaymentSagaActivitiesRetryTest}.
   */
  private static final int ENV_ATTEMPT = 0;

  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(redis);
  private final ServiceCalls calls = new ServiceCalls(new IdempotencyBarrier(redis), ServiceCallObserver.NONE);
  private TestActivityEnvironment env;
  private PaymentActivities activities;

  @BeforeEach
  void startActivityEnvironment() {
    start(sandbox.services());
  }

  /** (Re)starts the activity environment with the activities on these services. */
  private void start(PaymentServices services) {
    if (env != null) {
      env.close();
    }
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new PaymentSagaActivities(services, calls));
    activities = env.newActivityStub(PaymentActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
  }

  @AfterEach
  void closeActivityEnvironment() {
    env.close();
  }

  @Test
  void aRepeatedChargeOfTheSameWorkflowChargesOnce() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);

    StepReceipt first = activities.callPaymentChannel(payment);
    StepReceipt again = activities.callPaymentChannel(payment);

    assertThat(first.reference()).startsWith("ch_");
    assertThat(again.reference()).isEqualTo(first.reference());
    PaymentAudit audit = sandbox.audit(payment.sagaId());
    assertThat(audit.charges()).isEqualTo(1);
    assertThat(audit.chargedMinor()).isEqualTo(1234);
    // The repeat was replayed by the barrier without calling the channel.
    assertThat(audit.attempts(PaymentSteps.CALL_PAYMENT_CHANNEL)).isEqualTo(1);
  }

  @Test
  void aRepeatWhoseBarrierRecordWasLostIsReplayedByTheChannelsKey() {
    // The worker died between the charge and its barrier record: the retry calls the channel again
    // with the same key, and the channel answers as it did the first time.
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String charged = sandbox.channel().charge(TestPayments.key(payment, PaymentSteps.CALL_PAYMENT_CHANNEL),
        PaymentSagaActivities.payment(payment));

    assertThat(activities.callPaymentChannel(payment).reference()).isEqualTo(charged);
    assertThat(sandbox.audit(payment.sagaId()).charges()).isEqualTo(1);
  }

  @Test
  void aChargeWhoseAnswerWasLostIsSettledByFindingIt() {
    LostAnswers channel = new LostAnswers(sandbox.channel(), true);
    start(new PaymentServices(sandbox.orders(), channel, sandbox.ledger()));
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);

    StepReceipt receipt = activities.callPaymentChannel(payment);

    String chargeKey = TestPayments.key(payment, PaymentSteps.CALL_PAYMENT_CHANNEL);
    assertThat(channel.lost.get()).isEqualTo(1);
    assertThat(receipt.reference()).startsWith("ch_");
    assertThat(sandbox.channel().findCharge(chargeKey)).contains(receipt.reference());
    assertThat(sandbox.audit(payment.sagaId()).charges()).isEqualTo(1);
    // Recorded in the barrier: a repeat replays it and the channel is not called again.
    assertThat(activities.callPaymentChannel(payment).reference()).isEqualTo(receipt.reference());
    assertThat(channel.lost.get()).isEqualTo(1);
  }

  @Test
  void aChargeWhoseAnswerWasLostAndThatChargedNothingIsRetried() {
    LostAnswers channel = new LostAnswers(sandbox.channel(), false);
    start(new PaymentServices(sandbox.orders(), channel, sandbox.ledger()));
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);

    ApplicationFailure failure = applicationFailure(() -> activities.callPaymentChannel(payment));

    assertThat(failure.getType()).isEqualTo(ServicePort.CHANNEL.unavailableType());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(ENV_ATTEMPT);
    assertThat(sandbox.audit(payment.sagaId()).charges()).isZero();
    // The retry, with the same key, charges (once); a compensation instead would void the key.
    start(sandbox.services());
    assertThat(activities.callPaymentChannel(payment).reference()).startsWith("ch_");
    assertThat(sandbox.audit(payment.sagaId()).charges()).isEqualTo(1);
  }

  @Test
  void everyStepReturnsAReceiptOfItsEffect() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);

    StepReceipt order = activities.createOrder(payment);
    StepReceipt charge = activities.callPaymentChannel(payment);
    StepReceipt credit = activities.creditMerchant(payment);
    StepReceipt reversal = activities.reverseMerchantCredit(payment);
    StepReceipt refund = activities.refundPayment(payment);
    StepReceipt cancel = activities.cancelOrder(payment);

    assertThat(List.of(order, charge, credit, reversal, refund, cancel))
        .extracting(StepReceipt::reference)
        .satisfiesExactly(
            ref -> assertThat(ref).startsWith("ord_"), ref -> assertThat(ref).startsWith("ch_"),
            ref -> assertThat(ref).startsWith("le_"), ref -> assertThat(ref).startsWith("lr_"),
            ref -> assertThat(ref).startsWith("re_"), ref -> assertThat(ref).isEqualTo(order.reference()));
    assertThat(cancel.attempt()).isEqualTo(ENV_ATTEMPT);
    assertThat(sandbox.audit(payment.sagaId()).isCompensatedCleanly()).isTrue();
  }

  @Test
  void undoingWhatWasNeverDoneSucceedsWithNothingToDo() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);

    assertThat(activities.refundPayment(payment).reference()).isEqualTo(ServiceCalls.NOTHING_TO_UNDO);
    assertThat(activities.reverseMerchantCredit(payment).reference()).isEqualTo(ServiceCalls.NOTHING_TO_UNDO);
    assertThat(activities.cancelOrder(payment).reference()).isEqualTo(ServiceCalls.NOTHING_TO_UNDO);
    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(payment.sagaId()).refunds())).isZero();
    // The undos voided the forwards' keys: late forwards are refused, by the barrier first.
    ApplicationFailure late = applicationFailure(() -> activities.callPaymentChannel(payment));
    assertThat(late.getType()).isEqualTo(PaymentRefusals.SAGA_ALREADY_COMPENSATED);
    assertThat(late.isNonRetryable()).isTrue();
    assertThat(sandbox.audit(payment.sagaId()).charges()).isZero();
  }

  @Test
  void aDeclinedCardIsANonRetryableFailureCarryingTheAttempt() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_DECLINED);

    ApplicationFailure failure = applicationFailure(() -> activities.callPaymentChannel(payment));

    assertThat(failure.getType()).isEqualTo(PaymentRefusals.CARD_DECLINED);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(ENV_ATTEMPT);
    assertThat(failure.getOriginalMessage()).doesNotContain(SandboxMagicValues.CARD_DECLINED);
  }

  @Test
  void aFrozenMerchantIsANonRetryableFailure() {
    PaymentRequest payment = TestPayments.toMerchant(SandboxMagicValues.MERCHANT_FROZEN);

    ApplicationFailure failure = applicationFailure(() -> activities.creditMerchant(payment));

    assertThat(failure.getType()).isEqualTo(PaymentRefusals.MERCHANT_FROZEN);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(sandbox.audit(payment.sagaId()).ledgerCredits()).isZero();
  }

  @Test
  void aFlakyChannelIsARetryableFailureCarryingTheAttempt() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.flakyCard(1));

    ApplicationFailure failure = applicationFailure(() -> activities.callPaymentChannel(payment));

    assertThat(failure.getType()).isEqualTo(ServicePort.CHANNEL.unavailableType());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(ENV_ATTEMPT);
    assertThat(activities.callPaymentChannel(payment).reference()).startsWith("ch_");
  }

  @Test
  void cancellingAPaidOrderIsRefused() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    activities.createOrder(payment);
    activities.completeOrder(payment);

    ApplicationFailure failure = applicationFailure(() -> activities.cancelOrder(payment));

    assertThat(failure.getType()).isEqualTo(Refusals.ORDER_STATE_CONFLICT);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void anInvalidRequestIsRefusedBeforeTheSandboxIsCalled() {
    PaymentRequest payment = new PaymentRequest("P1", "m_shop", 0, "CNY", "tok_visa");

    ApplicationFailure failure = applicationFailure(() -> activities.callPaymentChannel(payment));

    assertThat(failure.getType()).isEqualTo(PaymentRefusals.INVALID_REQUEST);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("amount");
    assertThat(sandbox.audit(payment.sagaId()).attempts(PaymentSteps.CALL_PAYMENT_CHANNEL)).isZero();
  }

  private static ApplicationFailure applicationFailure(ThrowingCallable call) {
    List<ApplicationFailure> caught = new ArrayList<>();
    assertThatThrownBy(call).isInstanceOfSatisfying(ActivityFailure.class, failure -> {
      assertThat(failure.getCause()).isInstanceOf(ApplicationFailure.class);
      caught.add((ApplicationFailure) failure.getCause());
    });
    return caught.get(0);
  }

  /**
   * A channel whose charge answers are lost on the way back (a read timeout): it charges through the
   * sandbox first ({@code chargeFirst}) or not at all, then throws {@link OutcomeUnknownException}.
   */
  private static final class LostAnswers implements PaymentChannel {
    private final PaymentChannel channel;
    private final boolean chargeFirst;
    final AtomicInteger lost = new AtomicInteger();

    LostAnswers(PaymentChannel channel, boolean chargeFirst) {
      this.channel = channel;
      this.chargeFirst = chargeFirst;
    }

    @Override
    public String charge(String idempotencyKey, Payment payment) {
      if (chargeFirst) {
        channel.charge(idempotencyKey, payment);
      }
      lost.incrementAndGet();
      throw new OutcomeUnknownException("read timed out", new java.net.SocketTimeoutException("read timed out"));
    }

    @Override
    public Optional<String> refund(String idempotencyKey, String chargeKey, long amountMinor, Payment payment) {
      return channel.refund(idempotencyKey, chargeKey, amountMinor, payment);
    }

    @Override
    public Optional<String> findCharge(String chargeKey) {
      return channel.findCharge(chargeKey);
    }
  }
}
