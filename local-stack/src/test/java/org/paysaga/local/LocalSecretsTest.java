package org.paysaga.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paysaga.codec.Keyring;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class LocalSecretsTest {

  @Test
  void generatesAnOwnerOnlyKeyAndTokenOnceAndKeepsThem(@TempDir Path dir) throws Exception {
    LocalSecrets first = LocalSecrets.ensure(dir.resolve("data"));
    LocalSecrets again = LocalSecrets.ensure(dir.resolve("data"));

    assertThat(again).isEqualTo(first);
    assertThat(Keyring.read(first.keyFile()).current().id()).isEqualTo("local-dev");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.keyFile()))).isEqualTo("rw-------");
    assertThat(first.accessToken()).hasSizeGreaterThanOrEqualTo(32);
    assertThat(first.toString()).doesNotContain(first.accessToken());
  }

  @Test
  void theWorkerGetsThemUnlessConfiguredAndTheDevServerUiGetsTheCodecEndpoint(@TempDir Path dir) {
    Map<String, Object> given = Map.of("saga.local.data-dir", dir.toString(), "server.port", "18081",
        "server.address", "127.0.0.1");
    Map<String, Object> properties = new LinkedHashMap<>();

    String endpoint = LocalStackRunListener.developmentSecrets(environment(given), properties);

    LocalSecrets secrets = LocalSecrets.ensure(dir);
    assertThat(properties).containsEntry("saga.codec.key-file", secrets.keyFile().toString())
        .containsEntry("saga.access-tokens", secrets.accessToken());
    assertThat(endpoint).isEqualTo("http://127.0.0.1:18081/codec/" + secrets.accessToken());

    Map<String, Object> configured = new LinkedHashMap<>(given);
    configured.put("saga.codec.keys", Keyring.class.getSimpleName() + ":" + "A".repeat(43) + "=");
    configured.put("saga.access-tokens", "mine,old");
    properties.clear();
    assertThat(LocalStackRunListener.developmentSecrets(environment(configured), properties))
        .isEqualTo("http://127.0.0.1:18081/codec/mine");
    assertThat(properties).isEmpty();

    properties.clear();
    assertThat(LocalStackRunListener.developmentSecrets(
        environment(Map.of("saga.local.data-dir", dir.toString(), "saga.codec.enabled", "false")), properties)).isNull();
    assertThat(properties).isEmpty();
  }

  private static StandardEnvironment environment(Map<String, Object> properties) {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
    return environment;
  }
}
