package org.paysaga.cli.connect;

import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContextBuilder;
import io.temporal.serviceclient.RpcRetryOptions;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.paysaga.cli.errors.CliException;

/**
 * How to reach Temporal, checked before any connection is made: bad settings are bad usage (exit 2).
 * TLS as the worker uses it: a client certificate and key (mutual TLS), a CA to trust, or an API key.
 */
public final class TemporalSettings {
  /** Deadline of each call: an unreachable Temporal is reported well within 10 s. */
  public static final Duration RPC_TIMEOUT = Duration.ofSeconds(8);
  /** Deadline of the first call, which tells whether Temporal answers at all. */
  public static final Duration REACHABILITY_TIMEOUT = Duration.ofSeconds(5);

  private static final Pattern HOST_PORT = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\s/]+):[0-9]{1,5}");

  private final GlobalOptions options;

  public TemporalSettings(GlobalOptions options) {
    this.options = options;
  }

  public String address() {
    return options.temporalAddress();
  }

  public String namespace() {
    return options.namespace();
  }

  public boolean tlsEnabled() {
    if (options.tls() != null) {
      return options.tls();
    }
    return options.tlsCert() != null || options.tlsCa() != null || options.apiKey() != null;
  }

  /** Checks the settings (exit 2 naming the option) and builds the stub options. */
  public WorkflowServiceStubsOptions stubsOptions() {
    String address = options.temporalAddress();
    if (address == null || !HOST_PORT.matcher(address).matches()) {
      throw CliException.badInput("--temporal-address", "'" + address + "' must be HOST:PORT, e.g. 127.0.0.1:7233");
    }
    if (options.namespace() == null || options.namespace().isBlank()) {
      throw CliException.badInput("--namespace", "must not be blank");
    }
    if (options.taskQueue() == null || options.taskQueue().isBlank()) {
      throw CliException.badInput("--task-queue", "must not be blank");
    }
    WorkflowServiceStubsOptions.Builder builder = WorkflowServiceStubsOptions.newBuilder()
        .setTarget(address)
        .setRpcTimeout(RPC_TIMEOUT)
        .setRpcQueryTimeout(RPC_TIMEOUT)
        // Calls the SDK retries (UNAVAILABLE...) give up in seconds too, not after a minute.
        .setRpcRetryOptions(RpcRetryOptions.newBuilder().setExpiration(RPC_TIMEOUT).validateBuildWithDefaults())
        .setSystemInfoTimeout(REACHABILITY_TIMEOUT);
    if (tlsEnabled()) {
      SslContext ssl = sslContext();
      if (ssl != null) {
        builder.setSslContext(ssl);
      } else {
        builder.setEnableHttps(true);
      }
      if (options.tlsServerName() != null) {
        String serverName = options.tlsServerName();
        builder.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
      }
    } else if (options.tlsCert() != null || options.tlsKey() != null || options.tlsCa() != null) {
      throw CliException.badInput("--tls", "is false, but --tls-cert, --tls-key or --tls-ca was given");
    } else {
      // Said explicitly: with an API key the SDK would turn TLS on by itself.
      builder.setEnableHttps(false);
    }
    if (options.apiKey() != null) {
      if (options.apiKey().isBlank()) {
        throw CliException.badInput("--api-key", "must not be blank");
      }
      String apiKey = options.apiKey();
      builder.addApiKey(() -> apiKey);
    }
    return builder.build();
  }

  private SslContext sslContext() {
    Path cert = options.tlsCert();
    Path key = options.tlsKey();
    Path ca = options.tlsCa();
    if ((cert == null) != (key == null)) {
      throw CliException.badInput(cert == null ? "--tls-cert" : "--tls-key",
          "is required with " + (cert == null ? "--tls-key" : "--tls-cert") + " (mutual TLS needs both)");
    }
    if (cert == null && ca == null) {
      return null;
    }
    SslContextBuilder ssl = GrpcSslContexts.forClient();
    if (ca != null) {
      readable("--tls-ca", ca);
      try {
        ssl.trustManager(ca.toFile());
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--tls-ca", "'" + ca + "' holds no usable PEM certificates: " + e.getMessage());
      }
    }
    if (cert != null) {
      readable("--tls-cert", cert);
      readable("--tls-key", key);
      try {
        ssl.keyManager(cert.toFile(), key.toFile());
      } catch (IllegalArgumentException e) {
        throw CliException.badInput("--tls-cert", "'" + cert + "' and --tls-key '" + key
            + "' are not a usable PEM certificate chain and PKCS#8 key: " + e.getMessage());
      }
    }
    try {
      return ssl.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw CliException.badInput("--tls-cert", "the TLS settings cannot be used: " + e.getMessage());
    }
  }

  static Path readable(String option, Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw CliException.badInput(option, "'" + file + "' is not a readable file");
    }
    try {
      if (Files.size(file) == 0) {
        throw CliException.badInput(option, "'" + file + "' is empty");
      }
    } catch (IOException e) {
      throw CliException.badInput(option, "'" + file + "' cannot be read: " + e.getMessage());
    }
    return file;
  }
}
