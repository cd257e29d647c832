package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.REFUND_PAYMENT;

import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.OrderStatus;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.SagaWorkflow;
import org.paysaga.saga.StepStatus;
import org.paysaga.testing.TestPayments;

/**
 * Durable recovery and the DLQ on the time-skipping test server: a compensation that exhausts its
 * retries is retried every recovery interval until the give-up window closes, then the saga parks
 * in the DLQ and waits for an operator's signal.
 */
class SagaRecoveryWorkflowTest {
  private static final Duration INTERVAL = Duration.ofMinutes(5);
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(20);
  private static final Duration WAIT = Duration.ofMinutes(5);

  private PaymentSagaTestRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  private void startRig() {
    rig = PaymentSagaTestRig.withSettings(new SagaSettings(INTERVAL, GIVE_UP_AFTER));
  }

  @Test
  void aRefundThatNeverWorksIsRetriedEveryIntervalThenParkedInTheDlq() throws Exception {
    startRig();
    PaymentRequest request = TestPayments.payment("tok_refund_fail", "m_frozen");
    rig.payments.start(request);

    SagaState parked = rig.awaitStatus(request.sagaId(), SagaStatus.DLQ, Duration.ofHours(1));

    assertThat(parked.step(CALL_PAYMENT_CHANNEL).compensationStatus()).isEqualTo(StepStatus.FAILED);
    assertThat(parked.step(CREATE_ORDER).compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    // The first round and one per interval until the give-up window (20 min / 5 min = 4 rounds).
    assertThat(audit.attempts(REFUND_PAYMENT)).isEqualTo(4 * 5);
    List<Long> times = audit.attemptTimes(REFUND_PAYMENT);
    // Each round retries 2/4/8 s apart; the next round starts one interval after the last ended,
    // and the last one is pulled in to start when the give-up window closes.
    for (int round = 1; round < 4; round++) {
      assertThat(times.get(round * 4) - times.get(round * 4 - 1))
          .as("wait before recovery round %d", round)
          .isBetween(INTERVAL.toMillis(), INTERVAL.toMillis() + 1_000);
    }
    assertThat(times.get(16) - times.get(3))
        .as("the last round starts when the give-up window closes")
        .isBetween(GIVE_UP_AFTER.toMillis(), GIVE_UP_AFTER.toMillis() + 1_000);
    DlqEntry entry = rig.dlq.get(request.sagaId()).orElseThrow();
    assertThat(entry.source()).isEqualTo(DlqEntry.SOURCE_RECOVERY);
    assertThat(entry.workflowId()).isEqualTo(request.sagaId());
    assertThat(entry.businessKey()).isEqualTo(request.paymentNo());
    assertThat(entry.attributes()).containsEntry("amount", "12.34").containsEntry("merchantId", "m_frozen");
    assertThat(entry.reason()).startsWith("recovery gave up: ").contains("ChannelUnavailable");
    assertThat(entry.failureChain()).first().asString().contains("MerchantFrozen");
    assertThat(entry.dlqAtMillis() - entry.firstFailureAtMillis())
        .isBetween(GIVE_UP_AFTER.toMillis(), GIVE_UP_AFTER.toMillis() + 60_000);
    assertThat(rig.inflight.contains(request.sagaId())).isFalse();
    assertThat(rig.barrierTtlSeconds(request.sagaId())).as("no TTL while parked").isEqualTo(-1);
    assertThat(audit.refunds()).isZero();
    assertThat(audit.charges()).isEqualTo(1);
  }

  @Test
  void resolveClosesAParkedSagaWithTheNote() throws Exception {
    startRig();
    PaymentRequest request = TestPayments.payment("tok_refund_fail", "m_frozen");
    rig.payments.start(request);
    rig.awaitStatus(request.sagaId(), SagaStatus.DLQ, Duration.ofHours(1));

    rig.client.newUntypedWorkflowStub(request.sagaId())
        .signal(SagaWorkflow.RESOLVE_SIGNAL, "refunded by hand, ticket OPS-42");
    SagaState result = rig.payments.await(request.paymentNo(), WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.RESOLVED);
    assertThat(result.note()).isEqualTo("refunded by hand, ticket OPS-42");
    assertThat(rig.dlq.get(request.sagaId())).isEmpty();
    assertThat(rig.barrierTtlSeconds(request.sagaId())).isGreaterThan(Duration.ofDays(6).toSeconds());
  }

  @Test
  void recoverySucceedsWhenTheRefundStartsWorkingAgain() throws Exception {
    startRig();
    // Four attempts fail in the first round, four more in the first recovery round, then it works.
    PaymentRequest request = TestPayments.payment("tok_refund_flaky_8", "m_frozen");

    SagaState result = rig.payments.pay(request, WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    assertThat(audit.attempts(REFUND_PAYMENT)).isEqualTo(9);
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.orderStatus()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(audit.isCompensatedCleanly()).isTrue();
    assertThat(rig.dlq.get(request.sagaId())).isEmpty();
    assertThat(rig.inflight.contains(request.sagaId())).isFalse();
    rig.recordHistory(request.sagaId(), "payment-recovered");
  }

  @Test
  void retryCompensationFromTheDlqCompensatesExactlyOnce() throws Exception {
    rig = PaymentSagaTestRig.withSettings(new SagaSettings(INTERVAL, INTERVAL));
    // Round one and the single recovery round fail (8 attempts); the operator's retry works.
    PaymentRequest request = TestPayments.payment("tok_refund_flaky_8", "m_frozen");
    rig.payments.start(request);
    rig.awaitStatus(request.sagaId(), SagaStatus.DLQ, Duration.ofHours(1));

    WorkflowStub saga = rig.client.newUntypedWorkflowStub(request.sagaId());
    saga.signal(SagaWorkflow.RETRY_SIGNAL);
    SagaState result = rig.payments.await(request.paymentNo(), WAIT);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    PaymentAudit audit = rig.sandbox.audit(request.sagaId());
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.isCompensatedCleanly()).isTrue();
    assertThat(rig.dlq.get(request.sagaId())).isEmpty();
    rig.recordHistory(request.sagaId(), "payment-dlq-retried");
  }

  @Test
  void aNonRetryableCompensationFailureGoesToTheDlqWithoutWaiting() throws Exception {
    startRig();
    PaymentRequest request = TestPayments.payment("tok_refund_refused", "m_frozen");
    rig.payments.start(request);

    SagaState parked = rig.awaitStatus(request.sagaId(), SagaStatus.DLQ, Duration.ofHours(1));

    assertThat(parked.step(CALL_PAYMENT_CHANNEL).lastError()).contains("RefundRefused");
    DlqEntry entry = rig.dlq.get(request.sagaId()).orElseThrow();
    assertThat(entry.reason()).startsWith("non-retryable failure: ");
    assertThat(entry.dlqAtMillis() - entry.firstFailureAtMillis()).isLessThan(INTERVAL.toMillis());
    assertThat(rig.sandbox.audit(request.sagaId()).attempts(REFUND_PAYMENT)).isEqualTo(1);
  }
}
