package org.paysaga.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTest {
  private static final String A = "a:" + "A".repeat(43) + "=";
  private static final String B = EncryptionKey.generate("b").toKeyFileLine();

  @Test
  void theLastKeyEncryptsAndEveryKeyIsFound(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("payload.keys");
    Files.writeString(file, "# rotated 2026-12, the old key kept\n" + A + "\n\n" + B + "\n");

    Keyring keyring = Keyring.read(file);

    assertThat(keyring.current().id()).isEqualTo("b");
    assertThat(keyring.ids()).containsExactly("a", "b");
    assertThat(keyring.find("a")).isPresent();
    assertThat(Keyring.parse(A + "," + B, "SAGA_CODEC_KEYS").current().id()).isEqualTo("b");
  }

  @Test
  void badEntriesAreNamedWithoutEchoingAKey() {
    assertThatThrownBy(() -> Keyring.parse("a:c2hvcnQ=", "SAGA_CODEC_KEYS"))
        .hasMessage("SAGA_CODEC_KEYS: key a has 5 bytes; AES-256 takes 32 (base64 of 32 random bytes, e.g. `openssl rand -base64 32`)");
    assertThatThrownBy(() -> Keyring.parse("secretwithoutcolon", "SAGA_CODEC_KEYS"))
        .hasMessage("SAGA_CODEC_KEYS: entry 1 is not <key-id>:<base64 key>")
        .hasMessageNotContaining("secretwithoutcolon");
    assertThatThrownBy(() -> Keyring.parse("bad id:" + "A".repeat(43) + "=", "f")).hasMessageContaining("key ID 'bad id'");
    assertThatThrownBy(() -> Keyring.parse(A + "\n" + A, "f")).hasMessage("f key ID a appears twice");
    assertThatThrownBy(() -> Keyring.parse("# nothing\n", "f")).hasMessage("f holds no key");
    assertThatThrownBy(() -> Keyring.read(Path.of("/nonexistent/keys"))).hasMessageContaining("/nonexistent/keys");
  }

  @Test
  void keysNeverPrint() {
    EncryptionKey key = EncryptionKey.generate("k1");

    assertThat(key.toString()).isEqualTo("EncryptionKey[k1]");
    assertThat(Keyring.of(key).toString()).doesNotContain(key.toKeyFileLine().substring(3));
  }

  @Test
  void settingsNameWhatIsMissing(@TempDir Path dir) {
    PayloadKeySettings.Names names = new PayloadKeySettings.Names("E=off", "F", "K");

    assertThat(new PayloadKeySettings(false, null, null).keyring(names)).isEmpty();
    assertThat(new PayloadKeySettings(true, null, B).keyring(names).orElseThrow().current().id()).isEqualTo("b");
    assertThatThrownBy(() -> new PayloadKeySettings(true, null, " ").keyring(names))
        .hasMessageContaining("set F or K").hasMessageContaining("explicitly with E=off");
    assertThatThrownBy(() -> new PayloadKeySettings(true, dir.resolve("none"), null).keyring(names))
        .hasMessageContaining("F: no key file at");
    assertThatThrownBy(() -> new PayloadKeySettings(true, dir, B).keyring(names)).hasMessageContaining("both F and K");
  }
}
