package org.paysaga.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts whole payloads (metadata and data) with AES-256-GCM under the keyring's current key; the
 * key ID travels in the encrypted payload's metadata, and is bound to the ciphertext as associated
 * data. Decoding leaves payloads that are not ours (written before encryption was on) as they are,
 * so that older histories still replay.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {
  /** The metadata {@code encoding} of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";
  public static final String METADATA_ENCODING = "encoding";
  public static final String METADATA_KEY_ID = "encryption-key-id";
  public static final String METADATA_CIPHER = "encryption-cipher";
  public static final String CIPHER = "AES256-GCM";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final ByteString CIPHER_BYTES = ByteString.copyFromUtf8(CIPHER);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Keyring keyring;

  public AesGcmPayloadCodec(Keyring keyring) {
    this.keyring = Objects.requireNonNull(keyring, "keyring");
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    EncryptionKey key = keyring.current();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.ENCRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(key.id().getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(payload.toByteArray());
      return Payload.newBuilder()
          .putMetadata(METADATA_ENCODING, ENCODING_BYTES)
          .putMetadata(METADATA_CIPHER, CIPHER_BYTES)
          .putMetadata(METADATA_KEY_ID, ByteString.copyFromUtf8(key.id()))
          .setData(ByteString.copyFrom(ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array()))
          .build();
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("cannot encrypt a payload with key " + key.id() + ": " + e.getMessage(), e);
    }
  }

  private Payload decrypt(Payload payload) {
    if (!ENCODING_BYTES.equals(payload.getMetadataOrDefault(METADATA_ENCODING, ByteString.EMPTY))) {
      return payload;
    }
    String keyId = payload.getMetadataOrDefault(METADATA_KEY_ID, ByteString.EMPTY).toStringUtf8();
    EncryptionKey key = keyring.find(keyId).orElseThrow(() -> new PayloadCodecException(
        "payload encrypted with key ID '" + keyId + "', which this keyring does not hold (it holds "
            + String.join(", ", keyring.ids()) + "): add that key to the key file (SAGA_CODEC_KEYFILE)"
            + " or SAGA_CODEC_KEYS"));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES) {
      throw new PayloadCodecException("encrypted payload of key " + keyId + " is truncated");
    }
    try {
      Cipher cipher = Cipher.getInstance(TRANSFORMATION);
      cipher.init(Cipher.DECRYPT_MODE, key.secretKey(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
      return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException("payload of key " + keyId + " fails authentication: altered, or encrypted"
          + " under another key of the same ID", e);
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("cannot decrypt a payload of key " + keyId + ": " + e.getMessage(), e);
    }
  }
}
