package org.paysaga.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.paysaga.catalog.Defaults;
import org.springframework.mock.env.MockEnvironment;

/** The Redis the local stack starts or finds: REDIS_URL's, else the worker's default address. */
class LocalStackRunListenerTest {
  @Test
  void withoutRedisUrlTheStackUsesTheWorkersDefaultAddress() {
    // The README's first command runs with no REDIS_URL at all.
    assertThat(LocalStackRunListener.redisEndpoint(new MockEnvironment()).describe())
        .isEqualTo(Defaults.REDIS_URL);
  }

  @Test
  void redisUrlChoosesTheAddress() {
    MockEnvironment environment = new MockEnvironment().withProperty("saga.redis.url", "redis://127.0.0.1:16399");
    assertThat(LocalStackRunListener.redisEndpoint(environment).first().getPort()).isEqualTo(16399);
  }

  @Test
  void aBlankRedisUrlIsRefusedNamingTheSetting() {
    MockEnvironment environment = new MockEnvironment().withProperty("saga.redis.url", " ");
    assertThatThrownBy(() -> LocalStackRunListener.redisEndpoint(environment))
        .isInstanceOf(LocalStackException.class)
        .hasMessage("REDIS_URL (saga.redis.url) is empty.")
        .extracting(e -> ((LocalStackException) e).action()).asString().contains("unset it");
  }
}
