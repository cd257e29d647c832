package org.paysaga.cli.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import org.paysaga.testsupport.ProcessResult;
import org.paysaga.testsupport.ProcessSpec;

/** A self-signed certificate and its PKCS#8 key as PEM files, made with the JDK's keytool. */
public record SelfSignedPem(Path certificate, Path privateKey) {

  public static SelfSignedPem create(Path dir, String name) {
    Path keystore = dir.resolve(name + ".p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    ProcessResult generated = ProcessSpec.command("keytool", keytool, "-genkeypair", "-alias", name, "-keyalg", "RSA",
        "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
        "-storetype", "PKCS12", "-keystore", keystore.toString(), "-storepass", "changeit", "-keypass", "changeit")
        .run(Duration.ofSeconds(60));
    if (generated.exitCode() != 0) {
      throw new IllegalStateException("keytool failed: " + generated);
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        store.load(in, "changeit".toCharArray());
      }
      Certificate certificate = store.getCertificate(name);
      PrivateKey key = (PrivateKey) store.getKey(name, "changeit".toCharArray());
      Path certFile = dir.resolve(name + ".pem");
      Path keyFile = dir.resolve(name + ".key");
      Files.writeString(certFile, pem("CERTIFICATE", certificate.getEncoded()));
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      return new SelfSignedPem(certFile, keyFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
