package org.paysaga.worker.stores;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.worker.config.SagaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Redis stores (docs/idempotency-and-dlq.md) on the worker's connection: the idempotency
 * barrier, the DLQ and the in-flight registry. The saga lifecycle, the sweeper and the gauges
 * share them.
 */
@Configuration(proxyBeanMethods = false)
public class RedisStoresConfiguration {

  /**
   * Every key's prefix ({@code saga.redis.key-prefix}, default {@code saga}, as in
   * {@code saga:{<sagaId>}:barrier}); the CLI takes the same with {@code --redis-key-prefix}.
   */
  @Bean
  SagaKeyspace sagaKeyspace(SagaProperties properties) {
    return new SagaKeyspace(properties.redis().keyPrefix());
  }

  @Bean
  InflightRegistry inflightRegistry(RedisClusterCommands<String, String> redisCommands, SagaKeyspace keyspace) {
    return new InflightRegistry(redisCommands, keyspace);
  }

  @Bean
  DlqStore dlqStore(RedisClusterCommands<String, String> redisCommands, SagaKeyspace keyspace) {
    return new DlqStore(redisCommands, keyspace);
  }

  @Bean
  IdempotencyBarrier idempotencyBarrier(RedisClusterCommands<String, String> redisCommands, SagaKeyspace keyspace) {
    return new IdempotencyBarrier(redisCommands, keyspace);
  }
}
