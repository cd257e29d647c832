package org.paysaga.reliability.scale;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import org.paysaga.catalog.Defaults;
import org.paysaga.lifecycle.RedisSagaLifecycle;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.reliability.bench.RedisProbe;
import org.paysaga.reliability.stack.StackCodec;
import org.paysaga.saga.SagaSettings;
import org.paysaga.wiring.SagaStores;

/**
 * The product's Redis stores on the run's own redis-server, as the workers build them (default
 * keyspace, the workers' encrypting data converter), one connection shared by every thread:
 * Lettuce pipelines what several threads send at once. Plus the probe that reads Redis's figures.
 */
final class ScaleRedis implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<String, String> connection;
  private final SagaStores stores;
  private final RedisSagaLifecycle lifecycle;
  private final RedisProbe probe;

  ScaleRedis(String url) {
    this.client = RedisClient.create(url);
    this.connection = client.connect();
    connection.setTimeout(Duration.ofMinutes(1)); // a fill's deep pipeline must not time out
    this.stores = SagaStores.on(connection.sync(), SagaKeyspace.DEFAULT, StackCodec.dataConverter());
    this.lifecycle = new RedisSagaLifecycle(stores.inflight(), stores.dlq(), stores.barrier(), SagaSettings.DEFAULTS,
        Defaults.IDEMPOTENCY_TTL);
    this.probe = new RedisProbe(url);
  }

  SagaStores stores() {
    return stores;
  }

  RedisSagaLifecycle lifecycle() {
    return lifecycle;
  }

  RedisCommands<String, String> commands() {
    return connection.sync();
  }

  StatefulRedisConnection<String, String> connection() {
    return connection;
  }

  RedisProbe probe() {
    return probe;
  }

  @Override
  public void close() {
    probe.close();
    connection.close();
    client.shutdown();
  }
}
