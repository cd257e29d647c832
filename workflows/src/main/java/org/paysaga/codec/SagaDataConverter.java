package org.paysaga.codec;

import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;

/**
 * The data converter of every client and worker of the project: Temporal's JSON, then
 * {@link AesGcmPayloadCodec}, on inputs, results, queries, signals and the failures' messages and
 * stack traces (the SDK's encoded failure attributes). Search attributes are not payloads it
 * touches: they stay plaintext and hold no card data.
 *
 * <pre>{@code
 * WorkflowClientOptions.newBuilder()
 *     .setDataConverter(SagaDataConverter.encrypting(Keyring.read(Path.of("/etc/paysaga/payload.keys"))))
 * }</pre>
 */
public final class SagaDataConverter {
  private SagaDataConverter() {}

  public static DataConverter encrypting(Keyring keyring) {
    return new CodecDataConverter(DefaultDataConverter.STANDARD_INSTANCE,
        List.of(new AesGcmPayloadCodec(keyring)), true);
  }

  /** Plaintext payloads: only where encryption is turned off explicitly. */
  public static DataConverter plaintext() {
    return DefaultDataConverter.STANDARD_INSTANCE;
  }
}
