package org.paysaga.worker.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paysaga.testsupport.ProcessResult;
import org.paysaga.testsupport.ProcessSpec;

/** A private CA and a server name for TLS to Temporal, beyond the starter's properties. */
class TemporalTlsTest {

  @Test
  void aCaFileTurnsTlsOnWithThatTrust(@TempDir Path dir) throws Exception {
    Path ca = selfSignedCertificate(dir);
    WorkflowServiceStubsOptions options = new TemporalTls(ca.toString(), "temporal.internal", null, null, null)
        .customize(WorkflowServiceStubsOptions.newBuilder().setTarget("10.0.0.5:7233"))
        .build();
    assertThat(options.getEnableHttps()).isTrue();
    assertThat(options.getSslContext()).isNotNull();
    assertThat(options.getChannelInitializer()).isNotNull();
  }

  @Test
  void withoutSettingsNothingChanges() {
    WorkflowServiceStubsOptions options = new TemporalTls(null, null, null, null, null)
        .customize(WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:7233"))
        .build();
    assertThat(options.getEnableHttps()).isFalse();
    assertThat(options.getSslContext()).isNull();
  }

  @Test
  void aBadCaFileIsNamed(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertThatThrownBy(() -> new TemporalTls(empty.toString(), null, null, null, null)
            .customize(WorkflowServiceStubsOptions.newBuilder()))
        .hasMessageContaining("TEMPORAL_TLS_CA");
    assertThatThrownBy(() -> new TemporalTls(dir.resolve("missing.pem").toString(), null, null, null, null)
            .customize(WorkflowServiceStubsOptions.newBuilder()))
        .hasMessageContaining("TEMPORAL_TLS_CA");
  }

  /** A CA certificate in PEM, made with the JDK's keytool. */
  private static Path selfSignedCertificate(Path dir) throws Exception {
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Path store = dir.resolve("ca.p12");
    Path pem = dir.resolve("ca.pem");
    run(List.of(keytool, "-genkeypair", "-alias", "ca", "-keyalg", "EC", "-dname", "CN=test-ca", "-validity", "2",
        "-ext", "bc:c", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", "changeit"));
    run(List.of(keytool, "-exportcert", "-rfc", "-alias", "ca", "-keystore", store.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-file", pem.toString()));
    return pem;
  }

  private static void run(List<String> command) {
    ProcessResult result = ProcessSpec.command("keytool", command.toArray(String[]::new)).run(Duration.ofSeconds(60));
    if (result.exitCode() != 0) {
      throw new IllegalStateException(command + " failed: " + result);
    }
  }
}
