package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.reliability.chaos.ChaosFixtures.payment;

import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorRecordsTest {
  static final PlannedPayment FIRST = payment(0, PaymentPath.SUCCESS);
  static final PlannedPayment SECOND = payment(1, PaymentPath.FROZEN_MERCHANT);

  /** Two charges of the first payment (one by number, one by key only), one refunded charge of the second. */
  static final String AUDIT = """
      {"charges": [
         {"id": "ch_1", "amount": 1234, "idempotency_key": "payment-chaos-test-00001:CallPaymentChannel",
          "payment_no": "chaos-test-00001", "refunded": 0},
         {"id": "ch_2", "amount": 1234, "idempotency_key": "payment-chaos-test-00001:CallPaymentChannel",
          "payment_no": null, "refunded": 0},
         {"id": "ch_3", "amount": 1234, "idempotency_key": "payment-chaos-test-00002:CallPaymentChannel",
          "payment_no": "chaos-test-00002", "refunded": 1234},
         {"id": "ch_4", "amount": 500, "idempotency_key": "elsewhere", "payment_no": "someone-else", "refunded": 0}],
       "refunds": [
         {"id": "re_1", "amount": 1234, "charge": "ch_3", "idempotency_key": "payment-chaos-test-00002:RefundPayment",
          "charge_idempotency_key": "payment-chaos-test-00002:CallPaymentChannel"}],
       "voided_keys": ["payment-chaos-test-00009:CallPaymentChannel"],
       "summary": {"charges": 4, "refunds": 1, "voided_keys": 1, "double_charged_payments": 0,
                   "over_refunded_charges": 0}}
      """;

  @Test
  void aPaymentsChargesAreFoundByNumberOrByTheSagasKey() {
    SimulatorRecords records = SimulatorRecords.parse(AUDIT);

    assertThat(records.chargesOf(FIRST)).extracting(SimulatorRecords.Charge::id).containsExactly("ch_1", "ch_2");
    List<SimulatorRecords.Charge> second = records.chargesOf(SECOND);
    assertThat(second).extracting(SimulatorRecords.Charge::id).containsExactly("ch_3");
    assertThat(records.refundsOf(second)).containsExactly(new SimulatorRecords.Refund("re_1",
        "payment-chaos-test-00002:RefundPayment", "payment-chaos-test-00002:CallPaymentChannel", 1234));
    assertThat(records.refundsOf(records.chargesOf(FIRST))).isEmpty();
    assertThat(records.charges()).hasSize(4);
    assertThat(records.refunds()).hasSize(1);
    assertThat(records.paymentNos()).containsExactlyInAnyOrder("chaos-test-00001", "chaos-test-00002", "someone-else");
    assertThat(SimulatorRecords.chargeKey(FIRST)).isEqualTo("payment-chaos-test-00001:CallPaymentChannel");
  }

  @Test
  void theSimulatorsOwnCountsAreKept() {
    SimulatorRecords records = SimulatorRecords.parse(AUDIT.replace("\"double_charged_payments\": 0",
        "\"double_charged_payments\": 2").replace("\"over_refunded_charges\": 0", "\"over_refunded_charges\": 1"));

    assertThat(records.doubleChargedPayments()).isEqualTo(2);
    assertThat(records.overRefundedCharges()).isEqualTo(1);
  }

  @Test
  void anAuditWithoutItsSummaryOrNotJsonIsRefused() {
    assertThatThrownBy(() -> SimulatorRecords.parse("{\"charges\": []}")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("summary");
    assertThatThrownBy(() -> SimulatorRecords.parse("<html>")).isInstanceOf(UncheckedIOException.class);
  }
}
