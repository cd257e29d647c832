package org.paysaga.reliability.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScaleTablesTest {
  private static final CommandCost ONE_READ = new CommandCost(Map.of("zrangebyscore", 1.0), 5);

  @Test
  void pageGrowthComparesTheLargestRegistryWithTheSmallestAtTheSamePosition() {
    List<SweeperCurve.Row> rows = List.of(
        row(10_000, "start", 100), row(10_000, "end", 200),
        row(100_000, "start", 900), // a middle size: not part of the ratio
        row(1_000_000, "start", 110), row(1_000_000, "end", 100));

    assertThat(ScaleTables.pageGrowth(rows)).containsExactly(Map.entry("start", 1.1), Map.entry("end", 0.5));
  }

  @Test
  void pageGrowthNeedsTwoSizes() {
    assertThat(ScaleTables.pageGrowth(List.of(row(10_000, "start", 100)))).isEmpty();
  }

  @Test
  void memoryVerdictJudgesTheLargestRunPerMillionSagas() {
    List<MemoryCurve.Row> rows = List.of(memory(10_000, 10_000 * 400L), memory(1_000_000, 250_000_000L));

    assertThat(ScaleTables.memoryVerdict(rows, 200))
        .isEqualTo("1M finished sagas take 250 MB of used_memory (measured at 1M): the 200 MB target is missed by "
            + "50 MB (25%).");
    assertThat(ScaleTables.memoryVerdict(List.of(memory(100_000, 15_000_000L)), 200))
        .startsWith("1M finished sagas take 150 MB").endsWith("within the 200 MB target.");
  }

  private static SweeperCurve.Row row(long size, String position, double micros) {
    return new SweeperCurve.Row(size, position, micros, ONE_READ, null, null);
  }

  private static MemoryCurve.Row memory(long sagas, long growth) {
    return new MemoryCurve.Row(sagas, 1, growth, 200, 0, 7);
  }
}
