package org.paysaga.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.api.failure.v1.Failure;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRequest;

class AesGcmPayloadCodecTest {
  private static final EncryptionKey OLD = EncryptionKey.generate("k2026-01");
  private static final EncryptionKey NEW = EncryptionKey.generate("k2026-12");
  private static final PaymentRequest REQUEST = new PaymentRequest("P1001", "m_shop", 123457, "CNY", "tok_visa");

  private static Payload json(String text) {
    return Payload.newBuilder().putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(text)).build();
  }

  @Test
  void encryptsWholePayloadsUnderTheNewestKeyAndNamesItInTheMetadata() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(Keyring.of(OLD, NEW));
    Payload plain = json("{\"cardToken\":\"tok_visa\",\"amountMinor\":123457}");

    Payload sealed = codec.encode(List.of(plain)).get(0);

    assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo(AesGcmPayloadCodec.ENCODING);
    assertThat(sealed.getMetadataOrThrow(AesGcmPayloadCodec.METADATA_KEY_ID).toStringUtf8()).isEqualTo("k2026-12");
    assertThat(sealed.toByteString().toStringUtf8()).doesNotContain("tok_visa", "123457", "json/plain");
    assertThat(codec.decode(List.of(sealed))).containsExactly(plain);
    // Same input, fresh nonce: equal plaintexts do not show as equal ciphertexts.
    assertThat(codec.encode(List.of(plain)).get(0).getData()).isNotEqualTo(sealed.getData());
  }

  @Test
  void olderKeysStillDecryptAfterRotation() {
    Payload underOld = new AesGcmPayloadCodec(Keyring.of(OLD)).encode(List.of(json("1"))).get(0);

    assertThat(new AesGcmPayloadCodec(Keyring.of(OLD, NEW)).decode(List.of(underOld))).containsExactly(json("1"));
  }

  @Test
  void aPayloadOfAnUnknownKeyFailsNamingTheKeyId() {
    Payload underNew = new AesGcmPayloadCodec(Keyring.of(NEW)).encode(List.of(json("1"))).get(0);

    assertThatThrownBy(() -> new AesGcmPayloadCodec(Keyring.of(OLD)).decode(List.of(underNew)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key ID 'k2026-12'")
        .hasMessageContaining("holds k2026-01");
  }

  @Test
  void alteredCiphertextOrAnotherKeyUnderTheSameIdIsRefused() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(Keyring.of(NEW));
    Payload sealed = codec.encode(List.of(json("{\"amountMinor\":1}"))).get(0);
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 1] ^= 1;
    Payload altered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    Payload renamed = sealed.toBuilder().putMetadata(AesGcmPayloadCodec.METADATA_KEY_ID, ByteString.copyFromUtf8("k2026-01")).build();

    assertThatThrownBy(() -> codec.decode(List.of(altered))).hasMessageContaining("fails authentication");
    assertThatThrownBy(() -> new AesGcmPayloadCodec(Keyring.of(EncryptionKey.generate("k2026-12"))).decode(List.of(sealed)))
        .hasMessageContaining("fails authentication");
    // The key ID is bound to the ciphertext: relabelling a payload does not make another key open it.
    assertThatThrownBy(() -> new AesGcmPayloadCodec(Keyring.of(OLD, NEW)).decode(List.of(renamed)))
        .hasMessageContaining("fails authentication");
  }

  @Test
  void payloadsWrittenBeforeEncryptionPassThrough() {
    Payload plain = json("{\"paymentNo\":\"P1\"}");

    assertThat(new AesGcmPayloadCodec(Keyring.of(NEW)).decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void theSagaDataConverterRoundTripsValuesAndEncryptsFailureMessages() {
    DataConverter converter = SagaDataConverter.encrypting(Keyring.of(NEW));

    Optional<io.temporal.api.common.v1.Payloads> payloads = converter.toPayloads(REQUEST);
    assertThat(payloads.orElseThrow().toByteString().toStringUtf8()).doesNotContain("tok_visa", "m_shop");
    assertThat(converter.fromPayloads(0, payloads, PaymentRequest.class, PaymentRequest.class)).isEqualTo(REQUEST);
    // Plaintext histories from before the codec still read.
    assertThat(converter.fromPayloads(0, DefaultDataConverter.STANDARD_INSTANCE.toPayloads(REQUEST),
        PaymentRequest.class, PaymentRequest.class)).isEqualTo(REQUEST);

    Failure failure = converter.exceptionToFailure(
        ApplicationFailure.newNonRetryableFailure("card tok_visa declined", "CardDeclined"));
    assertThat(failure.toByteString().toStringUtf8()).doesNotContain("tok_visa");
    assertThat(converter.failureToException(failure)).hasMessageContaining("card tok_visa declined");
  }
}
