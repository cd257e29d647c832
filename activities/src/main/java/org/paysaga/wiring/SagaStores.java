package org.paysaga.wiring;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.paysaga.dlq.DlqService;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.SagaCatalog;

/**
 * The Redis stores of one deployment (its key prefix): the idempotency barrier, the DLQ and the
 * in-flight registry, on one connection. The worker, the CLI and the gauges share them.
 */
public record SagaStores(SagaKeyspace keyspace, IdempotencyBarrier barrier, DlqStore dlq, InflightRegistry inflight) {
  /** Stores whose DLQ writes inputs with Temporal's default converter: for readers and tests. */
  public static SagaStores on(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace) {
    return on(redis, keyspace, DataConverter.getDefaultInstance());
  }

  /**
   * @param converter the Temporal client's data converter: the DLQ stores the inputs of the entries
   *     it writes as its payloads (so its codec applies)
   */
  public static SagaStores on(RedisClusterCommands<String, String> redis, SagaKeyspace keyspace,
      DataConverter converter) {
    return new SagaStores(keyspace, new IdempotencyBarrier(redis, keyspace), new DlqStore(redis, keyspace, converter),
        new InflightRegistry(redis, keyspace));
  }

  /**
   * Working this deployment's DLQ (the CLI, the tests): retries signal or start sagas on the
   * workers' task queue; a resolve of an entry the sweeper made starts the TTL on the saga's records.
   */
  public DlqService dlqService(WorkflowClient client, String taskQueue, SagaCatalog catalog, Duration idempotencyTtl,
      LongSupplier clock) {
    return new DlqService(dlq, barrier, client, taskQueue, catalog, idempotencyTtl, clock);
  }
}
