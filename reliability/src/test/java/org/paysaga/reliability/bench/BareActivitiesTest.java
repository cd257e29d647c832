package org.paysaga.reliability.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;

import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.failure.ApplicationFailure;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.ports.Refusals;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/** The benchmark's baseline: the same sandbox port calls and keys, no barrier records, still once per key. */
class BareActivitiesTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(redis);
  private final AtomicReference<BareActivities.Attempt> attempt = new AtomicReference<>();
  private final BareActivities activities = new BareActivities(sandbox.services(), attempt::get);

  @Test
  void runsAPaymentThroughWithoutTouchingTheBarrier() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);

    as(sagaId, CREATE_ORDER);
    activities.createOrder(payment);
    as(sagaId, CALL_PAYMENT_CHANNEL);
    activities.callPaymentChannel(payment);
    as(sagaId, CREDIT_MERCHANT);
    activities.creditMerchant(payment);
    as(sagaId, COMPLETE_ORDER);
    activities.completeOrder(payment);

    assertThat(sandbox.audit(sagaId).isCompletedCleanly(payment.amountMinor())).isTrue();
    assertThat(redis.exists(SagaKeyspace.DEFAULT.barrier(sagaId))).isZero();
  }

  @Test
  void aRepeatedChargeIsStillReplayedByItsIdempotencyKey() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);
    as(sagaId, CALL_PAYMENT_CHANNEL);

    String first = activities.callPaymentChannel(payment).reference();
    String second = activities.callPaymentChannel(payment).reference();

    assertThat(first).startsWith("ch_");
    assertThat(second).isEqualTo(first);
    assertThat(sandbox.audit(sagaId).charges()).isEqualTo(1);
    assertThat(sandbox.audit(sagaId).attempts(CALL_PAYMENT_CHANNEL)).as("no barrier: the channel sees both").isEqualTo(2);
  }

  @Test
  void failuresHaveTheSagasTypes() {
    PaymentRequest declined = TestPayments.withCard(SandboxMagicValues.CARD_DECLINED);
    as(TestPayments.sagaId(declined), CALL_PAYMENT_CHANNEL);
    assertThatThrownBy(() -> activities.callPaymentChannel(declined)).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> {
          assertThat(failure.getType()).isEqualTo(Refusals.CARD_DECLINED);
          assertThat(failure.isNonRetryable()).isTrue();
        });

    PaymentRequest flaky = TestPayments.withCard(SandboxMagicValues.flakyCard(1));
    as(TestPayments.sagaId(flaky), CALL_PAYMENT_CHANNEL);
    assertThatThrownBy(() -> activities.callPaymentChannel(flaky)).isInstanceOfSatisfying(ApplicationFailure.class,
        failure -> {
          assertThat(failure.getType()).isEqualTo("ChannelUnavailable");
          assertThat(failure.isNonRetryable()).isFalse();
        });
  }

  private void as(String sagaId, String activityType) {
    attempt.set(new BareActivities.Attempt(sagaId, activityType, 1));
  }
}
