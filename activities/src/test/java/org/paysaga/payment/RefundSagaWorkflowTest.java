package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.ports.Refusals;
import org.paysaga.refund.RefundRequest;
import org.paysaga.refund.RefundSaga;
import org.paysaga.refund.RefundSteps;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepStatus;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The second saga type: a standalone refund of all or part of a payment, which declares its two
 * steps and gets the barrier, recovery, DLQ, registry and state query from the same machinery as
 * the payment saga. The services keep the refunds of one payment within its charge.
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
    PaymentRequest payment = paid("tok_visa");
    RefundRequest refund = new RefundRequest(TestPayments.uniquePaymentNo("R"), payment);

    SagaState result = start(refund).getResult(60, TimeUnit.SECONDS, SagaState.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(result.sagaType()).isEqualTo(RefundSaga.WORKFLOW_TYPE);
    PaymentAudit audit = rig.sandbox.audit(payment.sagaId());
    assertThat(audit.refunds()).isEqualTo(1);
    assertThat(audit.netChargedMinor()).isZero();
    assertThat(audit.refundDebitedMinor()).isEqualTo(payment.amountMinor());
    assertThat(audit.ledgerNetMinor()).isZero();
    assertThat(debitsOf(payment)).containsOnlyKeys(refund.sagaId() + ":" + RefundSteps.DEBIT_MERCHANT);
    assertThat(rig.inflight.contains(refund.sagaId())).isFalse();
    assertThat(rig.barrier.records(refund.sagaId())).containsKeys("DebitMerchant:f", "RefundCard:f");
  }

  @Test
  void aRefundOfAPaymentTheMerchantWasNeverCreditedForIsRefusedAndTheRefundSagaCompensates() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    // m_frozen: crediting the merchant is refused, so the payment saga refunded and cancelled.
    PaymentRequest payment = TestPayments.toMerchant("m_frozen");
    assertThat(rig.payments.pay(payment, Duration.ofMinutes(2)).status()).isEqualTo(SagaStatus.COMPENSATED);
    RefundRequest refund = new RefundRequest(TestPayments.uniquePaymentNo("R"), payment);

    SagaState result = start(refund).getResult(60, TimeUnit.SECONDS, SagaState.class);

    assertThat(result.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(result.step(RefundSteps.DEBIT_MERCHANT).lastError()).contains(Refusals.REFUND_EXCEEDS_CHARGE);
    // Null compensation: the debit never took effect, so nothing is credited back; the ledger
    // voids the debit's key so a debit still on its way would be refused.
    assertThat(result.step(RefundSteps.DEBIT_MERCHANT).compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(debitsOf(payment)).containsOnlyKeys("#void:" + refund.sagaId() + ":" + RefundSteps.DEBIT_MERCHANT);
    assertThat(rig.barrier.records(refund.sagaId())).containsEntry("DebitMerchant:c", "-");
    assertThat(rig.sandbox.audit(payment.sagaId()).refunds()).as("the payment saga's own refund").isEqualTo(1);
  }

  @Test
  void partialRefundsSucceedUntilTheChargeIsUsedUp() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest payment = paid("tok_visa"); // 1234
    RefundRequest first = new RefundRequest(TestPayments.uniquePaymentNo("R"), payment, 600);
    RefundRequest second = new RefundRequest(TestPayments.uniquePaymentNo("R"), payment, 600);
    RefundRequest third = new RefundRequest(TestPayments.uniquePaymentNo("R"), payment, 100);

    assertThat(start(first).getResult(60, TimeUnit.SECONDS, SagaState.class).status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(start(second).getResult(60, TimeUnit.SECONDS, SagaState.class).status()).isEqualTo(SagaStatus.COMPLETED);
    SagaState beyond = start(third).getResult(60, TimeUnit.SECONDS, SagaState.class);

    assertThat(beyond.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(beyond.step(RefundSteps.DEBIT_MERCHANT).lastError()).contains(Refusals.REFUND_EXCEEDS_CHARGE);
    assertThat(beyond.step(RefundSteps.DEBIT_MERCHANT).compensationStatus()).isEqualTo(StepStatus.SUCCEEDED);
    PaymentAudit audit = rig.sandbox.audit(payment.sagaId());
    assertThat(audit.refunds()).isEqualTo(2);
    assertThat(audit.refundedMinor()).isEqualTo(1200);
    assertThat(audit.netChargedMinor()).isEqualTo(34);
    assertThat(audit.refundDebitedMinor()).isEqualTo(1200);
    assertThat(audit.ledgerNetMinor()).isEqualTo(34);
  }

  @Test
  void concurrentRefundSagasOfOnePaymentNeverRefundMoreThanTheCharge() throws Exception {
    rig = PaymentSagaTestRig.withDefaults();
    PaymentRequest payment = paid("tok_visa"); // 1234: two refunds of 500 fit, a third does not
    List<RefundRequest> refunds = IntStream.range(0, 5)
        .mapToObj(i -> new RefundRequest(TestPayments.uniquePaymentNo("R"), payment, 500)).toList();

    List<WorkflowStub> sagas = refunds.stream().map(this::start).toList();
    List<SagaState> results = new java.util.ArrayList<>();
    for (WorkflowStub saga : sagas) {
      results.add(saga.getResult(120, TimeUnit.SECONDS, SagaState.class));
    }

    assertThat(results).extracting(SagaState::status)
        .containsOnly(SagaStatus.COMPLETED, SagaStatus.COMPENSATED)
        .filteredOn(status -> status == SagaStatus.COMPLETED).hasSize(2);
    assertThat(results).filteredOn(state -> state.status() == SagaStatus.COMPENSATED)
        .allSatisfy(state -> assertThat(state.step(RefundSteps.DEBIT_MERCHANT).lastError())
            .contains(Refusals.REFUND_EXCEEDS_CHARGE));
    PaymentAudit audit = rig.sandbox.audit(payment.sagaId());
    assertThat(audit.refundedMinor()).isEqualTo(1000).isLessThanOrEqualTo(audit.chargedMinor());
    assertThat(audit.refunds()).isEqualTo(2);
    assertThat(audit.refundDebitedMinor()).isEqualTo(1000);
    assertThat(audit.netChargedMinor()).isEqualTo(audit.ledgerNetMinor()).isEqualTo(234);
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
    assertThat(parked.step(RefundSteps.REFUND_CARD).lastError()).contains("ChannelUnavailable");
    assertThat(parked.step(RefundSteps.DEBIT_MERCHANT).compensationStatus()).isEqualTo(StepStatus.PENDING);
    DlqEntry entry = rig.dlq.get(refund.sagaId()).orElseThrow();
    assertThat(entry.sagaType()).isEqualTo(RefundSaga.WORKFLOW_TYPE);
    assertThat(entry.businessKey()).isEqualTo(refund.refundNo());
    assertThat(rig.sandbox.audit(payment.sagaId()).refunds()).isZero();
  }

  /** A payment of 12.34 CNY by this card that completed. */
  private PaymentRequest paid(String cardToken) throws Exception {
    PaymentRequest payment = TestPayments.withCard(cardToken);
    assertThat(rig.payments.pay(payment, Duration.ofMinutes(2)).status()).isEqualTo(SagaStatus.COMPLETED);
    return payment;
  }

  private WorkflowStub start(RefundRequest refund) {
    RefundSaga saga = rig.client.newWorkflowStub(RefundSaga.class, WorkflowOptions.newBuilder()
        .setWorkflowId(refund.sagaId()).setTaskQueue(PaymentSagaTestRig.TASK_QUEUE).build());
    WorkflowClient.start(saga::refund, refund);
    return WorkflowStub.fromTyped(saga);
  }

  /** The refund sagas' entries in the payment's ledger: debits, credits back and void keys. */
  private Map<String, String> debitsOf(PaymentRequest payment) {
    Map<String, String> ledger = RedisTestServer.get().commands().hgetall(rig.keyspace.sandbox(payment.sagaId()).ledger());
    ledger.keySet().removeIf(key -> !key.contains("refund-"));
    return ledger;
  }
}
