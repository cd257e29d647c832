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
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.payment.sandbox.SandboxFailure;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.StepReceipt;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The activities under Temporal's TestActivityEnvironment, which runs each call as a real activity
 * task: the attempt comes from the activity info, the saga ID from the request (so a compensation
 * workflow for a saga Temporal gave up on reaches the same records).
 */
class SandboxPaymentActivitiesTest {
  /**
   * The attempt this environment's activity info reports: it never retries and leaves the attempt
   * unset. Real attempts (1, 2, 3...) are checked in {@link SandboxPaymentActivitiesRetryTest}.
   */
  private static final int ENV_ATTEMPT = 0;

  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(redis);
  private TestActivityEnvironment env;
  private PaymentActivities activities;

  @BeforeEach
  void startActivityEnvironment() {
    env = TestActivityEnvironment.newInstance();
    env.registerActivitiesImplementations(new SandboxPaymentActivities(sandbox));
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
    assertThat(audit.attempts(PaymentSteps.CALL_PAYMENT_CHANNEL)).isEqualTo(2);
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

    assertThat(activities.refundPayment(payment).reference()).isEqualTo("nothing-to-refund");
    assertThat(activities.reverseMerchantCredit(payment).reference()).isEqualTo("nothing-to-reverse");
    assertThat(activities.cancelOrder(payment).reference()).isEqualTo("nothing-to-cancel");
    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(payment.sagaId()).refunds())).isZero();
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

    assertThat(failure.getType()).isEqualTo(SandboxFailure.CHANNEL_UNAVAILABLE);
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

    assertThat(failure.getType()).isEqualTo(SandboxFailure.ORDER_STATE_CONFLICT);
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
}
