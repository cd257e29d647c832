package org.paysaga.worker.redis;

import org.paysaga.redis.RedisEndpoint;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.paysaga.worker.config.SagaProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Lettuce client and connection for {@code REDIS_URL}; every Redis store uses this one. */
@Configuration(proxyBeanMethods = false)
public class RedisConfiguration {
  public static final String SAGA_REDIS_BEAN = "sagaRedis";
  private static final Logger log = LoggerFactory.getLogger(RedisConfiguration.class);

  @Bean
  RedisEndpoint redisEndpoint(SagaProperties properties) {
    SagaProperties.Redis redis = properties.redis();
    return RedisEndpoint.parse(redis.url(), redis.cluster()).withCredentials(redis.username(), redis.password());
  }

  /** {@code RedisClient}, or {@code RedisClusterClient} for a cluster. */
  /** Lettuce's threads and reconnect policy (reconnects at most 1 s apart), shut down after the client. */
  @Bean(destroyMethod = "shutdown")
  ClientResources redisClientResources() {
    return SagaRedis.resources();
  }

  @Bean(destroyMethod = "shutdown")
  AbstractRedisClient redisClient(RedisEndpoint endpoint, ClientResources redisClientResources, SagaProperties properties) {
    return SagaRedis.client(endpoint, redisClientResources, properties.redis().commandTimeout(),
        properties.redis().tlsCaFile());
  }

  /** Fails the startup with the address (never the password) when Redis does not answer. */
  @Bean(name = SAGA_REDIS_BEAN, destroyMethod = "close")
  SagaRedis sagaRedis(RedisEndpoint endpoint, AbstractRedisClient redisClient) {
    try {
      SagaRedis redis = SagaRedis.connect(endpoint, redisClient);
      log.info("Redis: connected to {}", endpoint.describe());
      return redis;
    } catch (RedisConnectionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException("Redis at " + endpoint.describe() + " (REDIS_URL) did not answer: "
          + cause.getMessage(), e);
    }
  }

  /** The commands the activities and Redis stores run (standalone and cluster alike). */
  @Bean
  RedisClusterCommands<String, String> redisCommands(SagaRedis redis) {
    return redis.commands();
  }
}
