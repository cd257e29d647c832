package org.paysaga.cli.connect;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.paysaga.cli.errors.CliException;

/**
 * A connection to the Redis of the DLQ, as the worker reaches it: one {@code redis://} or
 * {@code rediss://} server (AUTH from the URL or the options), a {@code redis-sentinel://} group,
 * or a Redis Cluster (several comma-separated node URLs, or {@code --redis-cluster}).
 */
public final class RedisConnection implements AutoCloseable {
  /** Connect and command timeouts: an unreachable Redis is reported well within 10 s. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final List<String> SCHEMES =
      List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-socket");

  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> commands;

  private RedisConnection(AbstractRedisClient client, StatefulConnection<String, String> connection,
      RedisClusterCommands<String, String> commands) {
    this.client = client;
    this.connection = connection;
    this.commands = commands;
  }

  /** Where the options point: the URIs (one, or the cluster's seed nodes) and whether it is a cluster. */
  public record Endpoint(List<RedisURI> uris, boolean cluster) {
    /** {@code 127.0.0.1:6379}, {@code cluster a:7000,b:7001}, {@code sentinel ... (master m)}: no password. */
    public String describe() {
      RedisURI first = uris.get(0);
      if (!first.getSentinels().isEmpty()) {
        return "sentinel " + first.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
            .collect(Collectors.joining(",")) + " (master " + first.getSentinelMasterId() + ")";
      }
      if (first.getSocket() != null) {
        return first.getSocket();
      }
      return (cluster ? "cluster " : "")
          + uris.stream().map(u -> u.getHost() + ":" + u.getPort()).collect(Collectors.joining(","));
    }
  }

  /** Connects (exit 2 for bad settings, exit 4 naming the address when Redis does not answer). */
  public static RedisConnection open(GlobalOptions options) {
    Endpoint endpoint = endpoint(options);
    SocketOptions socket = SocketOptions.builder().connectTimeout(TIMEOUT).build();
    SslOptions ssl = sslOptions(options);
    AbstractRedisClient client = null;
    try {
      if (endpoint.cluster()) {
        RedisClusterClient cluster = RedisClusterClient.create(endpoint.uris());
        client = cluster;
        cluster.setOptions(ClusterClientOptions.builder()
            .socketOptions(socket)
            .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .sslOptions(ssl)
            .build());
        StatefulRedisClusterConnection<String, String> connection = cluster.connect();
        return new RedisConnection(cluster, connection, connection.sync());
      }
      RedisClient single = RedisClient.create(endpoint.uris().get(0));
      client = single;
      single.setOptions(ClientOptions.builder()
          .socketOptions(socket)
          .timeoutOptions(TimeoutOptions.enabled(TIMEOUT))
          .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
          .autoReconnect(false)
          .sslOptions(ssl)
          .build());
      StatefulRedisConnection<String, String> connection = single.connect();
      return new RedisConnection(single, connection, connection.sync());
    } catch (RedisConnectionException e) {
      shutdown(client);
      throw CliException.unreachable("Redis", endpoint.describe(), rootMessage(e), e);
    } catch (RuntimeException e) {
      shutdown(client);
      throw e;
    }
  }

  /** The options' Redis: URL(s), credentials and timeouts (exit 2 naming --redis-url when unusable). */
  public static Endpoint endpoint(GlobalOptions options) {
    String url = options.redisUrl();
    if (url == null || url.isBlank()) {
      throw CliException.badInput("--redis-url", "must not be blank");
    }
    String trimmed = url.strip();
    String scheme = scheme(trimmed);
    boolean sentinel = scheme.endsWith("-sentinel");
    List<String> parts = new ArrayList<>();
    if (sentinel) {
      parts.add(trimmed); // its own comma-separated sentinel list
    } else {
      for (String part : trimmed.split(",")) {
        if (!part.isBlank()) {
          parts.add(part.contains("://") ? part.strip() : scheme + "://" + part.strip());
        }
      }
    }
    List<RedisURI> uris = new ArrayList<>();
    for (String part : parts) {
      uris.add(uri(part, options));
    }
    if (uris.isEmpty()) {
      throw CliException.badInput("--redis-url", "'" + redact(url) + "' names no Redis");
    }
    boolean cluster = options.redisCluster() || uris.size() > 1;
    if (cluster && sentinel) {
      throw CliException.badInput("--redis-cluster", "cannot be used with a redis-sentinel:// URL");
    }
    return new Endpoint(uris, cluster);
  }

  private static RedisURI uri(String part, GlobalOptions options) {
    String scheme = scheme(part);
    if (!SCHEMES.contains(scheme)) {
      throw CliException.badInput("--redis-url", "must start with redis://, rediss:// or redis-sentinel://, not "
          + scheme + "://");
    }
    RedisURI uri;
    try {
      uri = RedisURI.create(part);
    } catch (RuntimeException e) {
      throw CliException.badInput("--redis-url",
          "'" + redact(part) + "' is not a Redis URL such as redis://127.0.0.1:6379 (" + e.getMessage() + ")");
    }
    if (uri.getHost() == null && uri.getSentinels().isEmpty() && uri.getSocket() == null) {
      throw CliException.badInput("--redis-url", "'" + redact(part) + "' names no host");
    }
    uri.setTimeout(TIMEOUT);
    if (options.redisPassword() != null) {
      uri.setPassword(options.redisPassword().toCharArray());
    }
    if (options.redisUsername() != null) {
      uri.setUsername(options.redisUsername());
    }
    return uri;
  }

  private static SslOptions sslOptions(GlobalOptions options) {
    if (options.redisCa() == null) {
      return SslOptions.create();
    }
    return SslOptions.builder()
        .trustManager(TemporalSettings.readable("--redis-ca", options.redisCa()).toFile())
        .build();
  }

  /** The address of the configured Redis for messages, or the URL without credentials. */
  public static String describe(GlobalOptions options) {
    try {
      return endpoint(options).describe();
    } catch (CliException e) {
      return redact(String.valueOf(options.redisUrl()));
    }
  }

  private static String scheme(String url) {
    int end = url.indexOf("://");
    return end < 0 ? "redis" : url.substring(0, end).toLowerCase(Locale.ROOT);
  }

  static String redact(String url) {
    return url.replaceAll("//[^@/]*@", "//***@");
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    return message == null ? root.getClass().getSimpleName() : message;
  }

  /** Commands for a single server and a cluster alike. */
  public RedisClusterCommands<String, String> commands() {
    return commands;
  }

  @Override
  public void close() {
    connection.close();
    shutdown(client);
  }

  private static void shutdown(AbstractRedisClient client) {
    if (client != null) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
  }
}
