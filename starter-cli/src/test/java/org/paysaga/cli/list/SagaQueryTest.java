package org.paysaga.cli.list;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paysaga.saga.SagaStatus;

class SagaQueryTest {
  private static final List<String> TYPES = List.of("PaymentSaga", "RefundSaga");

  @Test
  void withoutFiltersEverySagaType() {
    assertThat(new SagaQuery(null, null, null, null).render(TYPES)).isEqualTo("SagaType IN ('PaymentSaga', 'RefundSaga')");
  }

  @Test
  void everyFilterIsAClause() {
    assertThat(new SagaQuery(SagaStatus.COMPENSATED, "PaymentSaga", "m_shop", Instant.parse("2026-12-01T10:00:00Z"))
        .render(TYPES)).isEqualTo("SagaType = 'PaymentSaga' AND SagaStatus = 'COMPENSATED' AND MerchantId = 'm_shop'"
            + " AND StartTime > '2026-12-01T10:00:00Z'");
  }

  @Test
  void anOpenStatusAlsoNeedsARunningExecution() {
    // A saga Temporal terminated while RECOVERING keeps that SagaStatus: it is not recovering.
    assertThat(new SagaQuery(SagaStatus.RECOVERING, null, null, null).render(List.of("PaymentSaga")))
        .isEqualTo("SagaType IN ('PaymentSaga') AND SagaStatus = 'RECOVERING' AND ExecutionStatus = 'Running'");
  }

  @Test
  void failedAlsoTakesWhatTemporalEnded() {
    assertThat(new SagaQuery(SagaStatus.FAILED, null, null, null).render(List.of("PaymentSaga")))
        .isEqualTo("SagaType IN ('PaymentSaga') AND (SagaStatus = 'FAILED' OR ExecutionStatus IN"
            + " ('Terminated', 'TimedOut', 'Failed'))");
  }
}
