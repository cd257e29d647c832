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
  /** An instance of its own, so that a client built with it is told apart from one built without thought. */
  private static final DataConverter PLAINTEXT = DefaultDataConverter.newDefaultInstance();

  private SagaDataConverter() {}

  public static DataConverter encrypting(Keyring keyring) {
    return new Encrypting(keyring);
  }

  /** Plaintext payloads: only where the workers run with encryption turned off explicitly. */
  public static DataConverter plaintext() {
    return PLAINTEXT;
  }

  /**
   * True for a converter of {@link #encrypting} or, chosen on purpose, {@link #plaintext}; false for
   * Temporal's default, which a client has when nobody set one.
   */
  public static boolean isChosen(DataConverter converter) {
    return converter instanceof Encrypting || converter == PLAINTEXT;
  }

  private static final class Encrypting extends CodecDataConverter {
    Encrypting(Keyring keyring) {
      super(DefaultDataConverter.STANDARD_INSTANCE, List.of(new AesGcmPayloadCodec(keyring)), true);
    }
  }
}
