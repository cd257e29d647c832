package org.paysaga.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.paysaga.testsupport.FreePorts;
import redis.embedded.RedisServer;

/**
 * The Redis the tests run against, one per JVM. With {@code REDIS_URL} set the tests use that
 * Redis and never flush it (it may hold other data); otherwise they start a real
 * {@code redis-server} (embedded-redis ships one) on a free loopback port, stopped when the JVM
 * exits. Tests keep to keys of their own payments (see {@link TestPayments}).
 */
public final class RedisTestServer {
  private static final String LOOPBACK = "127.0.0.1";

  private static volatile RedisTestServer instance;

  private final String redisUri;
  private final RedisServer embedded;
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;

  private RedisTestServer(String redisUri, RedisServer embedded) {
    this.redisUri = redisUri;
    this.embedded = embedded;
    this.client = RedisClient.create(RedisURI.create(redisUri));
    this.connection = client.connect();
  }

  /** The JVM's test Redis, started on first use. */
  public static RedisTestServer get() {
    if (instance == null) {
      synchronized (RedisTestServer.class) {
        if (instance == null) {
          instance = start();
          Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "redis-test-server-stop"));
        }
      }
    }
    return instance;
  }

  private static RedisTestServer start() {
    String url = System.getenv("REDIS_URL");
    if (url != null && !url.isBlank()) {
      return new RedisTestServer(url, null);
    }
    int port = FreePorts.free();
    try {
      RedisServer server = RedisServer.newRedisServer()
          .bind(LOOPBACK)
          .port(port)
          // Nothing on disk: no dump.rdb or appendonly file left in the working directory.
          .setting("save \"\"")
          .setting("appendonly no")
          .onShutdownForceStop(true)
          .build();
      server.start();
      return new RedisTestServer("redis://" + LOOPBACK + ":" + port, server);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start the embedded redis-server on port " + port, e);
    }
  }

  /** Where the tests' Redis listens, e.g. {@code redis://127.0.0.1:41234}. */
  public String redisUri() {
    return redisUri;
  }

  /**
   * True when this JVM started the Redis itself: only then may a test run commands that affect
   * the whole server (SCRIPT FLUSH, FLUSHDB).
   */
  public boolean isEmbedded() {
    return embedded != null;
  }

  /** A client for further connections; shut down with the server. */
  public RedisClient client() {
    return client;
  }

  /** The shared connection (thread-safe, Lettuce multiplexes it). */
  public StatefulRedisConnection<String, String> connection() {
    return connection;
  }

  public RedisCommands<String, String> commands() {
    return connection.sync();
  }

  private void stop() {
    connection.close();
    client.shutdown();
    if (embedded != null) {
      try {
        embedded.stop();
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot stop the embedded redis-server", e);
      }
    }
  }
}
