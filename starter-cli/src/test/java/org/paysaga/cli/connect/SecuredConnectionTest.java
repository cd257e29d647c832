package org.paysaga.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.ClientAuth;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.FakeTemporal;
import org.paysaga.cli.testing.SelfSignedPem;

/**
 * The command line reaches a secured Temporal as the worker does: mutual TLS with a client
 * certificate and key, a private CA, or an API key; from options or the environment.
 */
class SecuredConnectionTest {

  @Test
  void anApiKeyIsSentAsABearerToken() {
    try (FakeTemporal temporal = new FakeTemporal(null)) {
      Cli cli = new Cli(Map.of("TEMPORAL_ADDRESS", temporal.address(), "TEMPORAL_API_KEY", "key-from-env"));

      CliRun fromEnv = cli.run("status", "P1001", "--tls=false");
      CliRun fromOption = cli.run("status", "P1001", "--tls=false", "--api-key", "key-from-option");

      // The fake knows no saga: reaching it and asking is the point.
      assertThat(fromEnv.exitCode()).as(fromEnv.toString()).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(fromOption.exitCode()).as(fromOption.toString()).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(temporal.authorizations()).contains("Bearer key-from-env", "Bearer key-from-option")
          .doesNotContain("");
    }
  }

  @Test
  void mutualTlsWithAClientCertificateAndAPrivateCa(@TempDir Path dir) throws Exception {
    SelfSignedPem server = SelfSignedPem.create(dir, "server");
    SelfSignedPem client = SelfSignedPem.create(dir, "client");
    SslContext tls = GrpcSslContexts.forServer(server.certificate().toFile(), server.privateKey().toFile())
        .trustManager(client.certificate().toFile())
        .clientAuth(ClientAuth.REQUIRE)
        .build();
    try (FakeTemporal temporal = new FakeTemporal(tls)) {
      Cli cli = new Cli(Map.of(
          "TEMPORAL_ADDRESS", temporal.address(),
          "TEMPORAL_TLS_CERT", client.certificate().toString(),
          "TEMPORAL_TLS_KEY", client.privateKey().toString(),
          "TEMPORAL_TLS_CA", server.certificate().toString(),
          "TEMPORAL_TLS_SERVER_NAME", "localhost"));

      CliRun withCertificate = cli.run("status", "P1001");
      CliRun withoutCertificate = new Cli(Map.of("TEMPORAL_ADDRESS", temporal.address()))
          .run("status", "P1001", "--tls-ca", server.certificate().toString(), "--tls-server-name", "localhost");
      CliRun plainText = new Cli(Map.of("TEMPORAL_ADDRESS", temporal.address())).run("status", "P1001");

      assertThat(withCertificate.exitCode()).as(withCertificate.toString()).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(withoutCertificate.exitCode()).as(withoutCertificate.toString())
          .isIn(ExitCodes.UNREACHABLE, ExitCodes.FAILED);
      assertThat(withoutCertificate.err()).contains(temporal.address()).doesNotContain("\tat ");
      assertThat(plainText.exitCode()).as(plainText.toString()).isEqualTo(ExitCodes.UNREACHABLE);
    }
  }

  @Test
  void unusableTlsFilesAreBadInput(@TempDir Path dir) throws Exception {
    Path garbage = dir.resolve("garbage.pem");
    java.nio.file.Files.writeString(garbage, "not a certificate");

    CliRun run = new Cli(Map.of()).run("status", "P1001", "--tls-cert", garbage.toString(),
        "--tls-key", garbage.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(run.err()).startsWith("error: --tls-cert");
  }
}
