package org.paysaga.worker.health;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.paysaga.worker.redis.SagaRedis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** {@code redis}: UP when Redis answers PING within the timeout on the worker's connection. */
public final class RedisHealthIndicator implements HealthIndicator {
  private final SagaRedis redis;
  private final Duration timeout;

  public RedisHealthIndicator(SagaRedis redis, Duration timeout) {
    this.redis = redis;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    Health.Builder health = Health.unknown().withDetail("address", redis.endpoint().describe());
    if (!redis.connection().isOpen()) {
      return health.down().withDetail("error", "not connected (reconnecting)").build();
    }
    try {
      String pong = redis.async().ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return "PONG".equalsIgnoreCase(pong)
          ? health.up().build()
          : health.down().withDetail("error", "PING answered " + pong).build();
    } catch (TimeoutException e) {
      return health.down().withDetail("error", "no answer to PING within " + timeout).build();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return health.down().withDetail("error", cause.getClass().getSimpleName() + ": " + cause.getMessage()).build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return health.down().withDetail("error", "interrupted").build();
    }
  }
}
