package org.paysaga.codec;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * One AES-256 key and the ID written beside every payload it encrypts, so that the payload names
 * the key it needs long after the key stopped encrypting.
 */
public final class EncryptionKey {
  /** AES-256. */
  public static final int KEY_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String id;
  private final SecretKey key;

  private EncryptionKey(String id, byte[] key) {
    this.id = id;
    this.key = new SecretKeySpec(key, "AES");
  }

  /**
   * @param id 1 to 64 letters, digits, '.', '_' or '-'
   * @param keyBase64 32 random bytes, base64
   * @throws IllegalArgumentException naming what is wrong, never echoing the key
   */
  public static EncryptionKey of(String id, String keyBase64) {
    if (id == null || !ID.matcher(id).matches()) {
      throw new IllegalArgumentException("key ID '" + id + "' must be 1 to 64 letters, digits, '.', '_' or '-'");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(Objects.requireNonNullElse(keyBase64, "").strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key " + id + " is not base64");
    }
    if (bytes.length != KEY_BYTES) {
      throw new IllegalArgumentException("key " + id + " has " + bytes.length + " bytes; AES-256 takes "
          + KEY_BYTES + " (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
    }
    EncryptionKey key = new EncryptionKey(id, bytes);
    Arrays.fill(bytes, (byte) 0);
    return key;
  }

  /** A new random key, e.g. for {@code saga codec new-key} and the local profile's development key. */
  public static EncryptionKey generate(String id) {
    byte[] bytes = new byte[KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return of(id, Base64.getEncoder().encodeToString(bytes));
  }

  public String id() {
    return id;
  }

  SecretKey secretKey() {
    return key;
  }

  /** The key as a key-file line, {@code <id>:<base64>}. */
  public String toKeyFileLine() {
    return id + ":" + Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /** Never the key itself. */
  @Override
  public String toString() {
    return "EncryptionKey[" + id + "]";
  }
}
