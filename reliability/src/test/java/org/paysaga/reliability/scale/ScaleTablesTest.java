package org.paysaga.reliability.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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

  @Test
  void detectionBoundsTheLatencyByOneIntervalPlusTheSlowestDetectionAndComputesTheWalk() {
    List<DetectionCurve.Detection> detections = List.of(new DetectionCurve.Detection(1, 120, 180),
        new DetectionCurve.Detection(2, 900, 1_400), new DetectionCurve.Detection(1, 300, 350));
    DetectionCurve.Row row = new DetectionCurve.Row(100_000, 1_000, DetectionCurve.Ending.TERMINATED, detections, 10_001);

    assertThat(row.maxSweeps()).isEqualTo(2);
    assertThat(row.medianMillis(DetectionCurve.Detection::namedAfterMillis)).isEqualTo(300);
    assertThat(ScaleTables.detection(List.of(row), Duration.ofMinutes(5)))
        .containsPattern("\\| 100k +\\| 1k +\\| terminate +\\| 3 +\\| 2 +\\| 300 / 900 +\\| 350 / 1400 +"
            + "\\| 5 min 1.40 s +\\| 10001 sweeps, 34.7 d +\\|");
  }

  @Test
  void spansReadAsSecondsMinutesHoursOrDays() {
    assertThat(ScaleTables.span(Duration.ofMillis(1_250))).isEqualTo("1.25 s");
    assertThat(ScaleTables.span(Duration.ofMinutes(5))).isEqualTo("5 min");
    assertThat(ScaleTables.span(Duration.ofMinutes(101).multipliedBy(5))).isEqualTo("8.42 h");
    assertThat(ScaleTables.span(Duration.ofDays(3))).isEqualTo("3 d");
  }

  private static SweeperCurve.Row row(long size, String position, double micros) {
    return new SweeperCurve.Row(size, position, micros, ONE_READ, null, null);
  }

  private static MemoryCurve.Row memory(long sagas, long growth) {
    return new MemoryCurve.Row(sagas, 1, growth, 200, 0, 7);
  }
}
