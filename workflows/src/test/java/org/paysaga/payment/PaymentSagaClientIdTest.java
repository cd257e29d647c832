package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PaymentSagaClientIdTest {
  @Test
  void acceptsAPaymentNumberOrAWorkflowId() {
    assertThat(PaymentSagaClient.sagaId("P1001")).isEqualTo("payment-P1001");
    assertThat(PaymentSagaClient.sagaId("payment-P1001")).isEqualTo("payment-P1001");
  }

  @Test
  void rejectsIdsThatCannotBePaymentNumbers() {
    assertThatThrownBy(() -> PaymentSagaClient.sagaId("")).hasMessageStartingWith("paymentNo: ");
    assertThatThrownBy(() -> PaymentSagaClient.sagaId("P 1")).hasMessageStartingWith("paymentNo: ");
  }
}
