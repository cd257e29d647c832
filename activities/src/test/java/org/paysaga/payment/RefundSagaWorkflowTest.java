package org.paysaga.payment;

import org.paysaga.catalog.Defaults;
import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.refund.RefundRequest;
import org.paysaga.refund.RefundSaga;
import org.paysaga.refund.RefundSteps;
import org.paysaga.refund.activity.MerchantAdjustments;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepStatus;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The second saga type: a standalone refund, which declares its two steps and gets the barrier,
 * recovery, DLQ, registry and state query from the same machinery as the payment saga.
 */
class RefundSagaWorkflowTest {
  private PaymentSagaTestRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void refundsACompletedPaymentOnce() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest payment = TestPayments.withCard("tok_visa");
    assertThat(rig.payments.pay(payment, Duration.ofMinutes(2)).status()).isEqualTo(SagaStatus.COMPLETED);
    RefundRequest refund = new RefundRequest(TestPayments.uniquePaymentNo("R"), payment);

    SagaState result = start(refund).getResult(60, TimeUnit.SECONDS, SagaState.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.sagaType()).isEqualTo(RefundSaga.WORKFLOW_TYPE);
    PaymentAudit audit = rig.sandbox.audit(payment.sagaId());
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.netChargedMinor()).isZero();
    assertThat(adjustments(refund)).hasSize(1);
    assertThat(rig.inflight.contains(refund.sagaId())).isFalse();
    assertThat(rig.barrier.records(refund.sagaId())).containsKeys("DebitMerchant:f", "RefundCard:f");
  }

  @Test
  void aFrozenMerchantRefusesTheDebitAndTheRefundSagaCompensates() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest payment = TestPayments.toMerchant("m_frozen");
    RefundRequest refund = new RefundRequest(TestPayments.uniquePaymentNo("R"), payment);

    SagaState result = start(refund).getResult(60, TimeUnit.SECONDS, SagaState.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.step(RefundSteps.DEBIT_MERCHANT).lastError()).contains("MerchantFrozen");
    // Null compensation: the debit never took effect, so nothing is credited back; the account
    // voids the debit's key so a debit still on its way would be refused.
    assertThat(result.step(RefundSteps.DEBIT_MERCHANT).compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(adjustments(refund)).containsOnlyKeys("void:" + refund.sagaId() + ":DebitMerchant");
    assertThat(rig.barrier.records(refund.sagaId())).containsEntry("DebitMerchant:c", "-");
  }

  @Test
  void aCardRefundThatKeepsFailingRecoversThenParksInTheDlq() throws Exception {
    rig = PaymentSagaTestRig.withSettings(new SagaSettings(Duration.ofMinutes(5), Duration.ofMinutes(10)));
    PaymentRequest payment = TestPayments.withCard("tok_refund_fail");
    rig.payments.pay(payment, Duration.ofMinutes(2));
    RefundRequest refund = new RefundRequest(TestPayments.uniquePaymentNo("R"), payment);
    start(refund);

    SagaState parked = rig.awaitStatus(refund.sagaId(), SagaStatus.DLQ, Duration.ofMinutes(30));

    // Past the pivot the saga goes forward only: the card refund is retried, the debit stays.
    assertThat(parked.step(RefundSteps.REFUND_CARD).status()).isEqualTo(StepStatus.FAILED);
    assertThat(parked.step(RefundSteps.DEBIT_MERCHANT).compensationStatus()).isEqualTo(StepStatus.PENDING);
    DlqEntry entry = rig.dlq.get(refund.sagaId()).orElseThrow();
    assertThat(entry.sagaType()).isEqualTo(RefundSaga.WORKFLOW_TYPE);
    assertThat(entry.businessKey()).isEqualTo(refund.refundNo());
    assertThat(rig.sandbox.audit(payment.sagaId()).refunds()).isZero();
  }

  private WorkflowStub start(RefundRequest refund) {
    RefundSaga saga = rig.client.newWorkflowStub(RefundSaga.class, WorkflowOptions.newBuilder()
        .setWorkflowId(refund.sagaId()).setTaskQueue(PaymentSagaTestRig.TASK_QUEUE).build());
    WorkflowClient.start(saga::refund, refund);
    return WorkflowStub.fromTyped(saga);
  }

  private Map<String, String> adjustments(RefundRequest refund) {
    return new MerchantAdjustments(RedisTestServer.get().commands(), rig.keyspace, Defaults.IDEMPOTENCY_TTL)
        .all(refund.sagaId());
  }
}
