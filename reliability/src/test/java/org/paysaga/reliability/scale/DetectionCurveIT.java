package org.paysaga.reliability.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paysaga.reliability.realserver.RealServerStack;
import org.paysaga.reliability.stack.RedisServerProcess;
import org.paysaga.reliability.stack.StackCodec;
import org.paysaga.reliability.stack.TemporalDevServerProcess;

/**
 * On the dev server, a saga Temporal ended behind a long registry is parked through visibility,
 * while the walk never leaves the registry's first entry (batch 1; the walk alone would need a
 * thousand sweeps), and visibility names it well inside the minute each query reaches back.
 */
class DetectionCurveIT {
  @Test
  void aSagaTemporalEndedBehindALongRegistryIsParkedThroughVisibility() {
    Path dir = Path.of("target", "detection-" + Long.toString(System.currentTimeMillis(), 36));
    List<String> log = new ArrayList<>();
    try (TemporalDevServerProcess temporal = TemporalDevServerProcess.start(RealServerStack.temporalCli(),
            dir.resolve("temporal"));
        RedisServerProcess server = RedisServerProcess.start(RealServerStack.embeddedRedisBinary(),
            dir.resolve("redis"), dir, false);
        ScaleRedis redis = new ScaleRedis(server.url())) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
      try {
        List<DetectionCurve.Row> rows = new DetectionCurve(redis, server.url(), 1, 2, 1, 2,
            StackCodec.client(stubs), log::add).run(List.of(1_000));

        assertThat(rows).extracting(DetectionCurve.Row::ending).containsExactly(DetectionCurve.Ending.values());
        for (DetectionCurve.Row row : rows) {
          assertThat(row.detections()).as(row.ending().label).hasSize(2);
          // The sweeper's queries overlap the previous sweep by a minute (ClosedSince.OVERLAP) for this lag.
          assertThat(row.maxMillis(DetectionCurve.Detection::namedAfterMillis)).as(log.toString())
              .isLessThan(Duration.ofSeconds(30).toMillis());
          assertThat(row.maxSweeps()).isLessThan((int) row.walkSweeps());
          assertThat(row.walkSweeps()).isEqualTo(1_001);
        }
        assertThat(redis.stores().dlq().size()).isEqualTo(4);
        assertThat(redis.stores().inflight().size()).as("the registry without the parked sagas").isEqualTo(1_000);
      } finally {
        stubs.shutdownNow();
      }
    }
  }
}
