package org.paysaga.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The payload keys, oldest first: the last one encrypts, every one decrypts. Rotation appends a key
 * and keeps the old ones for as long as histories, queries and DLQ entries written with them are
 * read (docs/operations.md "Rotating the payload key").
 *
 * <p>Text form, in a key file or an environment variable: one {@code <key-id>:<base64 key>} per line
 * or comma-separated; blank lines and {@code #} comments are skipped.
 */
public final class Keyring {
  private final Map<String, EncryptionKey> byId;
  private final EncryptionKey current;

  private Keyring(List<EncryptionKey> keys) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("holds no key");
    }
    Map<String, EncryptionKey> map = new LinkedHashMap<>();
    for (EncryptionKey key : keys) {
      if (map.putIfAbsent(key.id(), key) != null) {
        throw new IllegalArgumentException("key ID " + key.id() + " appears twice");
      }
    }
    this.byId = Map.copyOf(map);
    this.current = keys.get(keys.size() - 1);
  }

  public static Keyring of(EncryptionKey... keys) {
    return new Keyring(List.of(keys));
  }

  /**
   * @param text key lines as described above
   * @param source where the text came from, for messages (e.g. {@code SAGA_CODEC_KEYS})
   * @throws IllegalArgumentException naming the source and the bad entry (never its key)
   */
  public static Keyring parse(String text, String source) {
    List<EncryptionKey> keys = new ArrayList<>();
    int entry = 0;
    List<String> entries = new ArrayList<>();
    for (String line : (text == null ? "" : text).split("\n")) {
      if (!line.strip().startsWith("#")) { // a comment line is one, commas and all
        entries.addAll(List.of(line.split(",")));
      }
    }
    for (String line : entries) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      entry++;
      int colon = trimmed.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException(source + ": entry " + entry + " is not <key-id>:<base64 key>");
      }
      try {
        keys.add(EncryptionKey.of(trimmed.substring(0, colon).strip(), trimmed.substring(colon + 1)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }
    try {
      return new Keyring(keys);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + " " + e.getMessage(), e);
    }
  }

  /** Reads a key file; the message names the file, never a key. */
  public static Keyring read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the key file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, "key file " + file);
  }

  /** The key that encrypts: the last one. */
  public EncryptionKey current() {
    return current;
  }

  public Optional<EncryptionKey> find(String keyId) {
    return Optional.ofNullable(byId.get(keyId));
  }

  /** The key IDs, for messages. */
  public List<String> ids() {
    return byId.keySet().stream().sorted().toList();
  }

  @Override
  public String toString() {
    return "Keyring" + ids() + ", encrypting with " + current.id();
  }
}
