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
  void startRefusesACardNumberBeforeItTalksToTemporal() {
    // Nothing answers at this address: a start that got as far as Temporal would fail otherwise.
    io.temporal.serviceclient.WorkflowServiceStubs stubs = io.temporal.serviceclient.WorkflowServiceStubs.newServiceStubs(
        io.temporal.serviceclient.WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());
    try {
      PaymentSagaClient payments = new PaymentSagaClient(io.temporal.client.WorkflowClient.newInstance(stubs,
          io.temporal.client.WorkflowClientOptions.newBuilder()
              .setDataConverter(org.paysaga.codec.SagaDataConverter.plaintext()).build()));
      assertThatThrownBy(() -> payments.start(new PaymentRequest("P1", "m1", 100, "CNY", "4111 1111 1111 1111")))
          .isInstanceOf(InvalidPaymentRequestException.class)
          .hasMessageStartingWith("cardToken: looks like a card number").hasMessageNotContaining("1111");
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void rejectsIdsThatCannotBePaymentNumbers() {
    assertThatThrownBy(() -> PaymentSagaClient.sagaId("")).hasMessageStartingWith("paymentNo: ");
    assertThatThrownBy(() -> PaymentSagaClient.sagaId("P 1")).hasMessageStartingWith("paymentNo: ");
  }
}
