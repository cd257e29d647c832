package org.paysaga.worker.redis;

import org.paysaga.redis.RedisEndpoint;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.masterreplica.MasterReplica;
import io.lettuce.core.masterreplica.StatefulRedisMasterReplicaConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.io.File;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The worker's one Redis connection (Lettuce multiplexes it over every thread): a standalone or
 * sentinel-managed server through {@link RedisClient}, or a Redis Cluster through
 * {@link RedisClusterClient}. Both give {@link RedisClusterCommands}, the API the activities use.
 */
public final class SagaRedis implements AutoCloseable {
  static final Duration RECONNECT_DELAY_MIN = Duration.ofMillis(50);
  static final Duration RECONNECT_DELAY_MAX = Duration.ofSeconds(1);

  private final RedisEndpoint endpoint;
  private final AbstractRedisClient client;
  private final StatefulConnection<String, String> connection;
  private final RedisClusterCommands<String, String> sync;
  private final RedisClusterAsyncCommands<String, String> async;

  private SagaRedis(RedisEndpoint endpoint, AbstractRedisClient client,
      StatefulConnection<String, String> connection, RedisClusterCommands<String, String> sync,
      RedisClusterAsyncCommands<String, String> async) {
    this.endpoint = endpoint;
    this.client = client;
    this.connection = connection;
    this.sync = sync;
    this.async = async;
  }

  /**
   * The client's threads and reconnection policy. Lettuce reconnects a lost connection by itself,
   * but by default waits up to 30 s between tries (doubling from 1 ms): after a Redis restart the
   * worker would stay cut off for seconds after Redis is back, failing activity attempts it could
   * have run (the chaos run saw 1.8 s after a 3 s outage). Capped at 1 s, with jitter so a fleet of
   * workers does not reconnect in lockstep. Shut it down after the client.
   */
  public static ClientResources resources() {
    return DefaultClientResources.builder()
        .reconnectDelay(Delay.equalJitter(RECONNECT_DELAY_MIN, RECONNECT_DELAY_MAX, 2, TimeUnit.MILLISECONDS))
        .build();
  }

  /**
   * The client for the endpoint, not yet connected: {@link RedisClient} for a server or a sentinel
   * group, {@link RedisClusterClient} for a cluster.
   */
  public static AbstractRedisClient client(RedisEndpoint endpoint, ClientResources resources, Duration commandTimeout,
      String tlsCaFile) {
    SslOptions ssl = tlsCaFile == null || tlsCaFile.isBlank() ? SslOptions.create()
        : SslOptions.builder().jdkSslProvider().trustManager(new File(tlsCaFile.strip())).build();
    SocketOptions socket = SocketOptions.builder()
        .connectTimeout(Duration.ofSeconds(5))
        .keepAlive(true)
        .build();
    TimeoutOptions timeouts = TimeoutOptions.enabled(commandTimeout);
    if (endpoint.cluster()) {
      RedisClusterClient cluster = RedisClusterClient.create(resources, endpoint.uris());
      cluster.setOptions(ClusterClientOptions.builder()
          .socketOptions(socket)
          .sslOptions(ssl)
          .timeoutOptions(timeouts)
          .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
              .enableAllAdaptiveRefreshTriggers()
              .enablePeriodicRefresh(Duration.ofMinutes(1))
              .build())
          .build());
      return cluster;
    }
    RedisClient client = RedisClient.create(resources);
    client.setOptions(ClientOptions.builder().socketOptions(socket).sslOptions(ssl).timeoutOptions(timeouts).build());
    return client;
  }

  /**
   * Connects; a sentinel URL connects to the master the sentinels name (and follows failovers).
   *
   * @throws io.lettuce.core.RedisConnectionException when Redis does not answer
   */
  public static SagaRedis connect(RedisEndpoint endpoint, AbstractRedisClient client) {
    if (client instanceof RedisClusterClient cluster) {
      StatefulRedisClusterConnection<String, String> connection = cluster.connect();
      return new SagaRedis(endpoint, client, connection, connection.sync(), connection.async());
    }
    RedisClient standalone = (RedisClient) client;
    if (endpoint.sentinel()) {
      StatefulRedisMasterReplicaConnection<String, String> connection =
          MasterReplica.connect(standalone, StringCodec.UTF8, endpoint.first());
      return new SagaRedis(endpoint, client, connection, connection.sync(), connection.async());
    }
    StatefulRedisConnection<String, String> connection = standalone.connect(endpoint.first());
    return new SagaRedis(endpoint, client, connection, connection.sync(), connection.async());
  }

  public RedisEndpoint endpoint() {
    return endpoint;
  }

  public AbstractRedisClient client() {
    return client;
  }

  public StatefulConnection<String, String> connection() {
    return connection;
  }

  /** What the activities and stores use. */
  public RedisClusterCommands<String, String> commands() {
    return sync;
  }

  /** For reads that must not block a caller longer than it wants (health, gauges). */
  public RedisClusterAsyncCommands<String, String> async() {
    return async;
  }

  /** Closes the connection; the client is shut down by its own bean. */
  @Override
  public void close() {
    connection.close();
  }
}
