package org.paysaga.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** REDIS_URL: plain, TLS with AUTH, sentinel and cluster forms. */
class RedisEndpointTest {

  @Test
  void plainUrl() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis://127.0.0.1:6379", false);
    assertThat(endpoint.cluster()).isFalse();
    assertThat(endpoint.sentinel()).isFalse();
    assertThat(endpoint.tls()).isFalse();
    assertThat(endpoint.describe()).isEqualTo("redis://127.0.0.1:6379");
  }

  @Test
  void tlsWithAuthNeverShowsThePassword() {
    RedisEndpoint endpoint = RedisEndpoint.parse("rediss://saga:s3cret@redis.example.com:6380/2", false);
    assertThat(endpoint.tls()).isTrue();
    assertThat(endpoint.first().getUsername()).isEqualTo("saga");
    assertThat(new String(endpoint.first().getPassword())).isEqualTo("s3cret");
    assertThat(endpoint.first().getDatabase()).isEqualTo(2);
    assertThat(endpoint.describe()).isEqualTo("rediss://redis.example.com:6380 (AUTH)").doesNotContain("s3cret");
  }

  @Test
  void sentinelGroup() {
    RedisEndpoint endpoint =
        RedisEndpoint.parse("redis-sentinel://:pw@s1:26379,s2:26379,s3:26379/0#mymaster", false);
    assertThat(endpoint.sentinel()).isTrue();
    assertThat(endpoint.cluster()).isFalse();
    assertThat(endpoint.first().getSentinels()).hasSize(3);
    assertThat(endpoint.describe()).isEqualTo("redis-sentinel://s1:26379,s2:26379,s3:26379 (master mymaster) (AUTH)");
  }

  @Test
  void severalNodesMeanACluster() {
    RedisEndpoint endpoint = RedisEndpoint.parse("redis://n1:7000, n2:7001,redis://n3:7002", false);
    assertThat(endpoint.cluster()).isTrue();
    assertThat(endpoint.uris()).extracting(u -> u.getHost() + ":" + u.getPort())
        .containsExactly("n1:7000", "n2:7001", "n3:7002");
    assertThat(endpoint.describe()).isEqualTo("cluster redis://n1:7000,redis://n2:7001,redis://n3:7002");
  }

  @Test
  void oneSeedIsAClusterWhenConfigured() {
    RedisEndpoint endpoint = RedisEndpoint.parse("rediss://:pw@cfg.cache.example.com:6379", true);
    assertThat(endpoint.cluster()).isTrue();
    assertThat(endpoint.describe()).isEqualTo("cluster rediss://cfg.cache.example.com:6379 (AUTH)");
  }

  @Test
  void badUrlsAreNamedWithoutThePassword() {
    assertThatThrownBy(() -> RedisEndpoint.parse("http://h:1", false))
        .hasMessageContaining("REDIS_URL").hasMessageContaining("http://");
    assertThatThrownBy(() -> RedisEndpoint.parse(" ", false)).hasMessageContaining("REDIS_URL");
    assertThatThrownBy(() -> RedisEndpoint.parse("redis-sentinel://s1:26379#m", true))
        .hasMessageContaining("saga.redis.cluster");
    assertThat(RedisEndpoint.redact("redis://u:secret@h:1")).isEqualTo("redis://***@h:1");
    assertThat(RedisEndpoint.redact("redis://:a@n1:7000,redis://:b@n2:7001"))
        .isEqualTo("redis://***@n1:7000,redis://***@n2:7001");
    assertThat(RedisEndpoint.redact("redis://u:p@ss@h:1")).isEqualTo("redis://***@h:1");
  }

  @Test
  void theCallerNamesItsSettings() {
    RedisEndpoint.Settings cli = new RedisEndpoint.Settings("--redis-url", "--redis-cluster");
    assertThatThrownBy(() -> RedisEndpoint.parse("http://u:pw@h:1", false, cli))
        .isInstanceOfSatisfying(RedisEndpoint.InvalidSettingException.class, e -> {
          assertThat(e.setting()).isEqualTo("--redis-url");
          assertThat(e.problem()).doesNotContain("pw");
        });
    assertThatThrownBy(() -> RedisEndpoint.parse("redis-sentinel://s1:26379#m", true, cli))
        .isInstanceOfSatisfying(RedisEndpoint.InvalidSettingException.class,
            e -> assertThat(e.setting()).isEqualTo("--redis-cluster"));
  }
}
