package org.paysaga.providers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {
  private static PostgresSettings.Builder valid() {
    return PostgresSettings.builder().jdbcUrl("jdbc:postgresql://127.0.0.1:5432/paysaga").username("paysaga");
  }

  @Test
  void defaults() {
    PostgresSettings settings = valid().build();
    assertThat(settings.poolSize()).isEqualTo(10);
    assertThat(settings.connectionTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.password()).isEmpty();
    assertThat(settings.toString()).contains("password=(none)");
  }

  @Test
  void thePasswordStaysOutOfToString() {
    PostgresSettings settings = valid().password("s3cret").poolSize(3).connectionTimeout(Duration.ofMillis(250))
        .build();
    assertThat(settings.toString()).doesNotContain("s3cret").contains("password=****", "poolSize=3");
    PostgresSettings copy = settings.toBuilder().poolSize(4).build();
    assertThat(copy.password()).isEqualTo("s3cret");
    assertThat(copy.poolSize()).isEqualTo(4);
    assertThat(copy.jdbcUrl()).isEqualTo(settings.jdbcUrl());
    assertThat(copy.username()).isEqualTo("paysaga");
  }

  @Test
  void eachMessageNamesItsSetting() {
    assertThatThrownBy(() -> PostgresSettings.builder().username("u").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbcUrl is required");
    assertThatThrownBy(() -> valid().jdbcUrl(" ").build()).hasMessageContaining("jdbcUrl is required");
    assertThatThrownBy(() -> valid().jdbcUrl("jdbc:mysql://h/db?password=secret").build())
        .hasMessageContaining("jdbcUrl must start with jdbc:postgresql:").hasMessageNotContaining("secret");
    assertThatThrownBy(() -> valid().jdbcUrl("jdbc:mysql://h/db").build()).hasMessageContaining("jdbc:mysql://h/db");
    assertThatThrownBy(() -> valid().username(null).build()).hasMessageContaining("username is required");
    assertThatThrownBy(() -> valid().username("").build()).hasMessageContaining("username is required");
    assertThatThrownBy(() -> valid().password(null).build()).hasMessageContaining("password");
    assertThatThrownBy(() -> valid().poolSize(0).build()).hasMessageContaining("poolSize must be between 1 and 200");
    assertThatThrownBy(() -> valid().poolSize(201).build()).hasMessageContaining("poolSize");
    assertThatThrownBy(() -> valid().connectionTimeout(Duration.ofMillis(249)).build())
        .hasMessageContaining("connectionTimeout must be at least 250 ms");
    assertThatThrownBy(() -> valid().connectionTimeout(null).build()).hasMessageContaining("connectionTimeout");
  }
}
