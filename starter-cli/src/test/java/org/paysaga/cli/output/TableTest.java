package org.paysaga.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.paysaga.saga.TemporalUi;

class TableTest {
  @Test
  void alignsColumnsAndRightAlignsNumbers() {
    Table table = Table.of("NAME", "COUNT", "NOTE").alignRight("COUNT")
        .row("a", 1, "first")
        .row("longer name", 12345, null);

    assertThat(table.render()).containsExactly(
        "NAME         COUNT  NOTE",
        "a                1  first",
        "longer name  12345");
  }

  @Test
  void durationsReadLikePeopleWriteThem() {
    assertThat(Formats.duration(850)).isEqualTo("850 ms");
    assertThat(Formats.duration(12_340)).isEqualTo("12.3 s");
    assertThat(Formats.duration(600_000)).isEqualTo("10 min");
    assertThat(Formats.duration(245_000)).isEqualTo("4 min 5 s");
    assertThat(Formats.duration(3 * 86_400_000L)).isEqualTo("3 d");
    assertThat(Formats.instant(0)).isNull();
    assertThat(Formats.instant(1_700_000_000_123L)).isEqualTo("2023-11-14T22:13:20.123Z");
  }

  @Test
  void uiLinksFollowTheTemporalUiScheme() {
    assertThat(TemporalUi.historyLink("http://localhost:8080/", "default", "payment-P1", "run-1"))
        .isEqualTo("http://localhost:8080/namespaces/default/workflows/payment-P1/run-1/history");
    // No run known (Temporal no longer has the workflow): the workflow's page.
    assertThat(TemporalUi.historyLink("http://localhost:8080", "default", "payment-P1", null))
        .isEqualTo("http://localhost:8080/namespaces/default/workflows/payment-P1");
  }
}
