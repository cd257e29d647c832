package org.paysaga.wiring;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.redis.SagaKeyspace;

/**
 * The Redis stores of one deployment (its key prefix): the idempotency barrier, the DLQ and the
 * in-flight registry, on one connection. The worker, the CLI and the gauges share them.
 */
public record SagaStores(SagaKeyspace keyspace, IdempotencyBarrier barrier, DlqStore dlq, InflightRegistry inflight) {
  public static SagaStores on(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace) {
    return new SagaStores(keyspace, new IdempotencyBarrier(redis, keyspace), new DlqStore(redis, keyspace),
        new InflightRegistry(redis, keyspace));
  }
}
