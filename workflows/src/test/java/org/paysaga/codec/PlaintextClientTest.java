package org.paysaga.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentSagaClient;

/** Service code cannot write payments to Temporal in plaintext by forgetting the converter. */
class PlaintextClientTest {
  // Lazy stubs: nothing here touches the network.
  private final WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
      WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:1").build());

  @AfterEach
  void close() {
    stubs.shutdownNow();
  }

  private WorkflowClient client(WorkflowClientOptions options) {
    return WorkflowClient.newInstance(stubs, options);
  }

  @Test
  void aClientWithTemporalsDefaultConverterIsRefused() {
    assertThatThrownBy(() -> new PaymentSagaClient(client(WorkflowClientOptions.getDefaultInstance())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("in plaintext").hasMessageContaining("SagaDataConverter.encrypting(keyring)");
    assertThatThrownBy(() -> new PaymentSagaClient(client(WorkflowClientOptions.newBuilder()
        .setDataConverter(DefaultDataConverter.STANDARD_INSTANCE).build())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEncryptingOrAnExplicitlyPlaintextClientIsTaken() {
    WorkflowClientOptions encrypting = WorkflowClientOptions.newBuilder()
        .setDataConverter(SagaDataConverter.encrypting(Keyring.of(EncryptionKey.generate("k1")))).build();
    WorkflowClientOptions plaintext = WorkflowClientOptions.newBuilder()
        .setDataConverter(SagaDataConverter.plaintext()).build();

    assertThat(new PaymentSagaClient(client(encrypting))).isNotNull();
    assertThat(new PaymentSagaClient(client(plaintext))).isNotNull();
  }
}
