package org.paysaga.cli.connect;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
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
import org.paysaga.cli.errors.CliException;
import org.paysaga.redis.RedisEndpoint;

/**
 * A connection to the Redis of the DLQ, as the worker reaches it: one {@code redis://} or
 * {@code rediss://} server (AUTH from the URL or the options), a {@code redis-sentinel://} group,
 * or a Redis Cluster (several comma-separated node URLs, or {@code --redis-cluster}).
 */
public final class RedisConnection implements AutoCloseable {
  /** Connect and command timeouts: an unreachable Redis is reported well within 10 s. */
  public static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final RedisEndpoint.Settings SETTINGS = new RedisEndpoint.Settings("--redis-url", "--redis-cluster");

  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> commands;

  private RedisConnection(AbstractRedisClient client, StatefulConnection<String, String> connection,
      RedisClusterCommands<String, String> commands) {
    this.client = client;
    this.connection = connection;
    this.commands = commands;
  }

  /** Connects (exit 2 for bad settings, exit 4 naming the address when Redis does not answer). */
  public static RedisConnection open(GlobalOptions options) {
    RedisEndpoint endpoint = endpoint(options);
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

  /** The options' Redis: URL(s), credentials and timeouts (exit 2 naming the option when unusable). */
  public static RedisEndpoint endpoint(GlobalOptions options) {
    RedisEndpoint endpoint;
    try {
      endpoint = RedisEndpoint.parse(options.redisUrl(), options.redisCluster(), SETTINGS)
          .withCredentials(options.redisUsername(), options.redisPassword());
    } catch (RedisEndpoint.InvalidSettingException e) {
      throw CliException.badInput(e.setting(), e.problem());
    }
    endpoint.uris().forEach(uri -> uri.setTimeout(TIMEOUT));
    return endpoint;
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
      return RedisEndpoint.redact(String.valueOf(options.redisUrl()));
    }
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
