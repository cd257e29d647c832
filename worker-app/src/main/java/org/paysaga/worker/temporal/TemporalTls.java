package org.paysaga.worker.temporal;

import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.TrustManagerFactory;
import org.springframework.util.StringUtils;

/**
 * What the starter's {@code spring.temporal.connection} properties cannot say: a CA to trust other
 * than the JVM's ({@code saga.temporal-tls.ca-file}, {@code TEMPORAL_TLS_CA}) and the server name
 * to verify when no client certificate is used ({@code saga.temporal-tls.server-name}). Applied
 * after the starter's own TLS settings (mTLS key and certificate, API key), which it keeps.
 */
public final class TemporalTls implements TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> {
  private final String caFile;
  private final String serverName;
  private final String certChainFile;
  private final String keyFile;
  private final String keyPassword;

  public TemporalTls(String caFile, String serverName, String certChainFile, String keyFile, String keyPassword) {
    this.caFile = caFile;
    this.serverName = serverName;
    this.certChainFile = certChainFile;
    this.keyFile = keyFile;
    this.keyPassword = keyPassword;
  }

  @Override
  public WorkflowServiceStubsOptions.Builder customize(WorkflowServiceStubsOptions.Builder options) {
    if (StringUtils.hasText(caFile)) {
      options.setSslContext(sslContext());
      options.setEnableHttps(true);
    }
    if (StringUtils.hasText(serverName)) {
      options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
    }
    return options;
  }

  private io.grpc.netty.shaded.io.netty.handler.ssl.SslContext sslContext() {
    try {
      SimpleSslContextBuilder builder;
      if (StringUtils.hasText(certChainFile) && StringUtils.hasText(keyFile)) {
        try (InputStream cert = Files.newInputStream(Path.of(certChainFile));
            InputStream key = Files.newInputStream(Path.of(keyFile))) {
          builder = SimpleSslContextBuilder.forPKCS8(cert, key);
          if (StringUtils.hasText(keyPassword)) {
            builder.setKeyPassword(keyPassword);
          }
          return builder.setTrustManager(trustManagers().getTrustManagers()[0]).build();
        }
      }
      return SimpleSslContextBuilder.noKeyOrCertChain().setTrustManager(trustManagers().getTrustManagers()[0]).build();
    } catch (IOException e) {
      throw new UncheckedIOException("TEMPORAL_TLS_CA / saga.temporal-tls.ca-file: cannot read the TLS files: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TEMPORAL_TLS_CA / saga.temporal-tls.ca-file: " + e.getMessage(), e);
    }
  }

  private TrustManagerFactory trustManagers() throws IOException, GeneralSecurityException {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(Path.of(caFile))) {
      int i = 0;
      for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.setCertificateEntry("ca-" + i++, certificate);
      }
      if (i == 0) {
        throw new GeneralSecurityException(caFile + " holds no certificate");
      }
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    return factory;
  }
}
