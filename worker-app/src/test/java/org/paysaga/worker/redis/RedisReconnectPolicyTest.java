package org.paysaga.worker.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** After a Redis restart the worker tries again within a second, not Lettuce's default of up to 30 s. */
class RedisReconnectPolicyTest {

  @Test
  void reconnectAttemptsAreNeverMoreThanASecondApart() {
    ClientResources resources = SagaRedis.resources();
    try {
      Delay delay = resources.reconnectDelay();
      for (long attempt = 1; attempt <= 40; attempt++) {
        Duration wait = delay.createDelay(attempt);
        assertThat(wait).as("wait before reconnect attempt %d", attempt)
            .isLessThanOrEqualTo(Duration.ofSeconds(1));
      }
      // It still backs off: the later attempts wait at least half the cap (equal jitter).
      assertThat(delay.createDelay(30)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    } finally {
      resources.shutdown();
    }
  }
}
