package org.paysaga.codec;

import io.temporal.common.converter.DataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a client or worker takes its payload keys from: a key file, or the key lines themselves
 * (an environment variable); encryption is off only when turned off explicitly.
 *
 * @param enabled false turns encryption off (payloads in plaintext)
 * @param keyFile a key file ({@link Keyring} text form), or null
 * @param keys key lines, or null
 */
public record PayloadKeySettings(boolean enabled, Path keyFile, String keys) {

  /**
   * How the caller names these settings in its messages (properties, options, variables).
   *
   * @param turnOff how encryption is turned off, e.g. {@code saga.codec.enabled=false}
   */
  public record Names(String turnOff, String keyFile, String keys) {}

  /** The keyring, empty only when encryption is off; a missing or bad key throws naming the setting. */
  public Optional<Keyring> keyring(Names names) {
    boolean hasKeys = keys != null && !keys.isBlank();
    if (!enabled) {
      return Optional.empty();
    }
    if (keyFile != null && hasKeys) {
      throw new IllegalArgumentException("both " + names.keyFile() + " and " + names.keys()
          + " are set: set one of them");
    }
    if (keyFile != null) {
      if (!Files.isRegularFile(keyFile)) {
        throw new IllegalArgumentException(names.keyFile() + ": no key file at " + keyFile);
      }
      return Optional.of(Keyring.read(keyFile));
    }
    if (hasKeys) {
      return Optional.of(Keyring.parse(keys, names.keys()));
    }
    throw new IllegalArgumentException("payloads are encrypted and no key is set: set " + names.keyFile()
        + " or " + names.keys() + " (lines of <key-id>:<base64 of 32 random bytes>; docs/operations.md"
        + " \"Payload encryption keys\"), or turn encryption off explicitly with " + names.turnOff());
  }

  public DataConverter dataConverter(Names names) {
    return keyring(names).map(SagaDataConverter::encrypting).orElseGet(SagaDataConverter::plaintext);
  }
}
