package org.paysaga.testing;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.util.UUID;
import org.paysaga.redis.SagaKeyspace;

/**
 * A {@link SagaKeyspace} of one test's own ({@code test-<8 hex>:saga:{dlq}:...}), so tests sharing
 * a Redis never see each other's DLQ or registry; closing it deletes those keys.
 */
public final class IsolatedKeyspace implements AutoCloseable {
  private final RedisClusterCommands<String, String> redis;
  private final SagaKeyspace keyspace;

  public IsolatedKeyspace(RedisClusterCommands<String, String> redis) {
    this.redis = redis;
    this.keyspace = new SagaKeyspace("test-" + UUID.randomUUID().toString().substring(0, 8) + ":saga");
  }

  public SagaKeyspace keyspace() {
    return keyspace;
  }

  @Override
  public void close() {
    // One DEL per key: on a cluster the {inflight} and {dlq} keys live in different slots.
    redis.del(keyspace.inflight());
    redis.del(keyspace.dlqEntries(), keyspace.dlqIndex(), keyspace.dlqResolutions());
  }
}
