package org.paysaga.reliability.stack;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.paysaga.codec.Keyring;
import org.paysaga.codec.SagaDataConverter;
import org.paysaga.testsupport.TestPayloadKeys;

/**
 * The payload encryption of the chaos run's and the benchmark's processes: the key test-support's
 * launchers hand the worker jars ({@link TestPayloadKeys}), so that the drivers' clients, the bare
 * baseline worker and the worker jars read each other's payloads, at the cost they have in production.
 */
public final class StackCodec {
  private static final DataConverter CONVERTER =
      SagaDataConverter.encrypting(Keyring.parse(TestPayloadKeys.KEYS, TestPayloadKeys.VARIABLE));

  private StackCodec() {}

  public static DataConverter dataConverter() {
    return CONVERTER;
  }

  /** A client of the default namespace that encrypts as the workers do. */
  public static WorkflowClient client(WorkflowServiceStubs stubs) {
    return WorkflowClient.newInstance(stubs, WorkflowClientOptions.newBuilder().setDataConverter(CONVERTER).build());
  }
}
