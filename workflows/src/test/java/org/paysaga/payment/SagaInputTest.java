package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paysaga.refund.RefundRequest;

/** One description per saga type: what the DLQ shows of it, whoever parked it. */
class SagaInputTest {
  private final PaymentRequest payment = new PaymentRequest("P1", "m_shop", 1234, "CNY", "tok_visa");

  @Test
  void aPaymentIsDescribedByItsNumbersMerchantAndDecimalAmountNeverItsCard() {
    assertThat(payment.businessKey()).isEqualTo("P1");
    assertThat(payment.description()).containsExactly(
        java.util.Map.entry("paymentNo", "P1"), java.util.Map.entry("merchantId", "m_shop"),
        java.util.Map.entry("amount", "12.34"), java.util.Map.entry("currency", "CNY"));
    assertThat(payment.description().values()).doesNotContain("tok_visa");
  }

  @Test
  void aRefundIsDescribedByItsNumberAndThePaymentItRefunds() {
    RefundRequest refund = new RefundRequest("R1", payment);

    assertThat(refund.businessKey()).isEqualTo("R1");
    assertThat(refund.description()).containsEntry("refundNo", "R1").containsEntry("paymentNo", "P1")
        .containsEntry("amount", "12.34").containsEntry("merchantId", "m_shop");
  }
}
