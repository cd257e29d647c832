package org.paysaga.inflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScoredValue;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.saga.SweepCursor;
import org.paysaga.testing.IsolatedKeyspace;
import org.paysaga.testing.RedisTestServer;

class InflightRegistryTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final IsolatedKeyspace keys = new IsolatedKeyspace(redis);
  private final InflightRegistry registry = new InflightRegistry(redis, keys.keyspace());

  @AfterEach
  void dropKeys() {
    keys.close();
  }

  @Test
  void registeredKeepsOnlyTheRegisteredInTheOrderAsked() {
    registry.register("payment-a", 1_000L);
    registry.register("payment-c", 3_000L);

    assertThat(registry.registered(List.of("payment-c", "payment-b", "payment-a")))
        .containsExactly("payment-c", "payment-a");
    assertThat(registry.registered(List.of())).isEmpty();
  }

  @Test
  void aRepeatedRegistrationKeepsTheFirstStartTime() {
    registry.register("payment-a", 1_000L);
    registry.register("payment-a", 5_000L);

    assertThat(registry.size()).isEqualTo(1);
    assertThat(registry.pageAfter(SweepCursor.START, 10)).singleElement()
        .satisfies(entry -> assertThat(entry.getScore()).isEqualTo(1_000.0));
  }

  @Test
  void removeAndContains() {
    registry.register("payment-a", 1_000L);

    assertThat(registry.contains("payment-a")).isTrue();
    registry.remove("payment-a");
    registry.remove("payment-a");
    assertThat(registry.contains("payment-a")).isFalse();
    assertThat(registry.size()).isZero();
  }

  @Test
  void pagesOldestFirstWithTiesByIdThenStartsOver() {
    registry.register("payment-d", 3_000L);
    registry.register("payment-b", 2_000L);
    registry.register("payment-c", 2_000L);
    registry.register("payment-a", 2_000L);
    registry.register("payment-e", 1_000L);

    List<String> walked = new ArrayList<>();
    SweepCursor cursor = SweepCursor.START;
    List<ScoredValue<String>> page;
    while (!(page = registry.pageAfter(cursor, 2)).isEmpty()) {
      page.forEach(entry -> walked.add(entry.getValue()));
      ScoredValue<String> last = page.get(page.size() - 1);
      cursor = new SweepCursor((long) last.getScore(), last.getValue(), 0);
    }

    assertThat(walked).containsExactly("payment-e", "payment-a", "payment-b", "payment-c", "payment-d");
    assertThat(registry.pageAfter(SweepCursor.START, 2)).extracting(ScoredValue::getValue)
        .containsExactly("payment-e", "payment-a");
  }

  @Test
  void aPageFillsUpPastManyTiesAtTheCursorsScore() {
    for (int i = 0; i < 25; i++) {
      registry.register(String.format("payment-%02d", i), 1_000L);
    }
    registry.register("payment-late", 2_000L);

    List<ScoredValue<String>> page = registry.pageAfter(new SweepCursor(1_000L, "payment-20", 0), 10);

    assertThat(page).extracting(ScoredValue::getValue).containsExactly(
        "payment-21", "payment-22", "payment-23", "payment-24", "payment-late");
  }
}
