package org.paysaga.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.paysaga.codec.DevelopmentKey;
import org.paysaga.codec.EncryptionKey;

/**
 * The local stack's development secrets, generated once in its data directory and readable by its
 * owner only: the payload key ({@link DevelopmentKey}) and the operator access token that opens the
 * codec server to the dev server's UI. Never for production: they live beside the data they protect.
 *
 * @param keyFile the development key file
 * @param accessToken the operator access token
 */
record LocalSecrets(Path keyFile, String accessToken) {
  static final String TOKEN_FILE = "operator-access.token";
  private static final SecureRandom RANDOM = new SecureRandom();

  static LocalSecrets ensure(Path dataDir) {
    Path keyFile = writeOnce(DevelopmentKey.file(dataDir), "# The local stack's development payload key (never for production).\n"
        + EncryptionKey.generate(DevelopmentKey.KEY_ID).toKeyFileLine() + "\n");
    byte[] token = new byte[24];
    RANDOM.nextBytes(token);
    Path tokenFile = writeOnce(dataDir.resolve(TOKEN_FILE), Base64.getUrlEncoder().withoutPadding().encodeToString(token) + "\n");
    try {
      return new LocalSecrets(keyFile, Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + tokenFile, e);
    }
  }

  /** Writes {@code content} to {@code file} unless it exists; whole or not at all, owner-only. */
  private static Path writeOnce(Path file, String content) {
    if (Files.exists(file)) {
      return file;
    }
    try {
      Files.createDirectories(file.getParent());
      Path draft = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".new",
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(draft, content, StandardCharsets.UTF_8);
      try {
        Files.move(draft, file);
      } catch (FileAlreadyExistsException e) {
        Files.delete(draft); // another local stack wrote it first
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  @Override
  public String toString() {
    return "LocalSecrets[" + keyFile + ", access token in " + TOKEN_FILE + "]";
  }
}
