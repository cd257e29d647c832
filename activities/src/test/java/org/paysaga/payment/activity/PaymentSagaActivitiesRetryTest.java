package org.paysaga.payment.activity;

import org.paysaga.redis.SagaKeyspace;

import org.paysaga.catalog.Defaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.activity.ServiceCalls;
import org.paysaga.activity.ServicePort;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.StepReceipt;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The activities called from a workflow on Temporal's time-skipping test server, with the saga's
 * 2/4/8 s retry policy: real workflow IDs, real attempts, real retries. The sandbox stamps
 * attempts with the test server's clock, so the backoff shows in its records.
 */
class PaymentSagaActivitiesRetryTest {
  private static TestWorkflowEnvironment env;
  private static SandboxPaymentServices sandbox;

  @BeforeAll
  static void startTemporal() {
    env = TestWorkflowEnvironment.newInstance();
    SagaSearchAttributes.register(env.getWorkflowServiceStubs(), env.getNamespace());
    sandbox = new SandboxPaymentServices(RedisTestServer.get().commands(), SagaKeyspace.DEFAULT,
        Defaults.IDEMPOTENCY_TTL, env::currentTimeMillis);
    ServiceCalls calls = new ServiceCalls(new IdempotencyBarrier(RedisTestServer.get().commands()),
        ServiceCallObserver.NONE);
    Worker worker = env.newWorker(StepProbe.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(StepProbeImpl.class);
    worker.registerActivitiesImplementations(new PaymentSagaActivities(sandbox.services(), calls));
    env.start();
  }

  @AfterAll
  static void stopTemporal() {
    env.close();
  }

  @Test
  void aFlakyChargeIsRetriedWithBackoffAndChargedOnceOnItsThirdAttempt() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.flakyCard(2));

    List<StepReceipt> receipts = run(payment, CALL_PAYMENT_CHANNEL);

    assertThat(receipts).singleElement().satisfies(receipt -> {
      assertThat(receipt.attempt()).isEqualTo(3);
      assertThat(receipt.reference()).startsWith("ch_");
    });
    PaymentAudit audit = sandbox.audit(TestPayments.sagaId(payment));
    assertThat(audit.chargedExactlyOnce()).isTrue();
    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(3);
    assertThat(audit.attemptGapsMillis(CALL_PAYMENT_CHANNEL)).satisfiesExactly(
        gap -> assertThat(gap).isBetween(2_000L, 2_999L),
        gap -> assertThat(gap).isBetween(4_000L, 4_999L));
  }

  @Test
  void exhaustedRetriesFailWithTheLastAttemptInTheDetails() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.flakyCard(4));

    ApplicationFailure failure = failureOf(payment, CALL_PAYMENT_CHANNEL);

    assertThat(failure.getType()).isEqualTo(ServicePort.CHANNEL.unavailableType());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(4);
    PaymentAudit audit = sandbox.audit(TestPayments.sagaId(payment));
    assertThat(audit.attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(4);
    assertThat(audit.charges()).isZero();
  }

  @Test
  void aRefusalIsNotRetried() {
    PaymentRequest payment = TestPayments.toMerchant(SandboxMagicValues.MERCHANT_FROZEN);

    ApplicationFailure failure = failureOf(payment, CREDIT_MERCHANT);

    assertThat(failure.getType()).isEqualTo(PaymentRefusals.MERCHANT_FROZEN);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getDetails().get(0, Integer.class)).isEqualTo(1);
    assertThat(sandbox.audit(TestPayments.sagaId(payment)).attempts(CREDIT_MERCHANT)).isEqualTo(1);
  }

  @Test
  void repeatedStepsOfOneSagaTakeEffectOnce() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);

    List<StepReceipt> receipts = run(payment, CREATE_ORDER, CALL_PAYMENT_CHANNEL,
        CALL_PAYMENT_CHANNEL, REFUND_PAYMENT, REFUND_PAYMENT, CANCEL_ORDER);

    assertThat(receipts).extracting(StepReceipt::attempt).containsOnly(1);
    assertThat(receipts.get(2).reference()).isEqualTo(receipts.get(1).reference());
    assertThat(receipts.get(4).reference()).isEqualTo(receipts.get(3).reference());
    // The repeats were replayed by the barrier: the channel saw each step once.
    assertThat(sandbox.audit(TestPayments.sagaId(payment)).attempts(CALL_PAYMENT_CHANNEL)).isEqualTo(1);
    PaymentAudit audit = sandbox.audit(TestPayments.sagaId(payment));
    assertThat(audit.charges()).isEqualTo(1);
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.isCompensatedCleanly()).isTrue();
  }

  private static List<StepReceipt> run(PaymentRequest payment, String... activityTypes) {
    StepProbe probe = env.getWorkflowClient().newWorkflowStub(StepProbe.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(TestPayments.sagaId(payment))
            .setTaskQueue(StepProbe.TASK_QUEUE)
            .build());
    return probe.run(List.of(activityTypes), payment);
  }

  private static ApplicationFailure failureOf(PaymentRequest payment, String... activityTypes) {
    List<ApplicationFailure> caught = new ArrayList<>();
    assertThatThrownBy(() -> run(payment, activityTypes))
        .isInstanceOfSatisfying(WorkflowFailedException.class, failed -> {
          assertThat(failed.getCause()).isInstanceOf(ActivityFailure.class);
          assertThat(failed.getCause().getCause()).isInstanceOf(ApplicationFailure.class);
          caught.add((ApplicationFailure) failed.getCause().getCause());
        });
    return caught.get(0);
  }
}
