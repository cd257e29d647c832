package org.paysaga.sweeper;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paysaga.saga.SweepCursor;

class ClosedSinceTest {
  private static final long NOW = Instant.parse("2026-12-02T18:00:00Z").toEpochMilli();
  private static final Duration INTERVAL = Duration.ofMinutes(5);

  @Test
  void theQueryReachesTheOverlapBeforeThePreviousSweepBegan() {
    SweepCursor cursor = new SweepCursor(5, "payment-9", NOW - INTERVAL.toMillis());

    assertThat(ClosedSince.of(cursor, INTERVAL, NOW)).isEqualTo(Instant.parse("2026-12-02T17:54:00Z"));
  }

  @Test
  void aCursorWithoutAWatermarkLooksBackTwoIntervals() {
    assertThat(ClosedSince.of(SweepCursor.START, INTERVAL, NOW)).isEqualTo(Instant.parse("2026-12-02T17:50:00Z"));
    assertThat(ClosedSince.of(new SweepCursor(5, "payment-9", 0), Duration.ofSeconds(10), NOW))
        .isEqualTo(Instant.parse("2026-12-02T17:59:40Z"));
  }

  @Test
  void theQueryNamesTheTypesTheUnfinishedStatusesAndTheMoment() {
    ClosedWorkflows closed = new ClosedWorkflows(null, "default", List.of("RefundSaga", "PaymentSaga"));

    assertThat(closed.query(Instant.parse("2026-12-02T17:54:00.250Z"))).isEqualTo(
        "WorkflowType IN ('PaymentSaga','RefundSaga') AND ExecutionStatus IN ('Terminated','TimedOut','Failed','Canceled')"
            + " AND CloseTime >= '2026-12-02T17:54:00.250Z'");
  }
}
