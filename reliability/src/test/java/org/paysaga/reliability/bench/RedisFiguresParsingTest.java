package org.paysaga.reliability.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark reads Redis's own text formats: INFO commandstats and MONITOR lines. */
class RedisFiguresParsingTest {

  @Test
  void commandStatsBecomeCallsPerCommand() {
    String info = "# Commandstats\r\n"
        + "cmdstat_evalsha:calls=9000,usec=81234,usec_per_call=9.03,rejected_calls=0,failed_calls=0\r\n"
        + "cmdstat_hset:calls=8000,usec=4000,usec_per_call=0.50,rejected_calls=0,failed_calls=0\r\n"
        + "cmdstat_config|resetstat:calls=1,usec=10,usec_per_call=10.00,rejected_calls=0,failed_calls=0\r\n";

    assertThat(RedisProbe.parseCommandStats(info))
        .containsExactly(java.util.Map.entry("config|resetstat", 1L), java.util.Map.entry("evalsha", 9000L),
            java.util.Map.entry("hset", 8000L));
  }

  @Test
  void monitorLinesTellClientCommandsFromLuaCalls() {
    MonitorCensus.MonitorLine client = MonitorCensus.MonitorLine.parse(
        "+1763940000.123456 [0 127.0.0.1:51234] \"EVALSHA\" \"abc\" \"2\" \"saga:{payment-P1}:sandbox:order\"");
    MonitorCensus.MonitorLine lua = MonitorCensus.MonitorLine.parse(
        "+1763940000.123500 [0 lua] \"hget\" \"saga:{payment-P1}:barrier\" \"CreateOrder:f\"");

    MonitorCensus.MonitorLine registry = MonitorCensus.MonitorLine.parse(
        "+1763940000.123600 [0 127.0.0.1:51234] \"ZADD\" \"saga:{inflight}\" \"NX\" \"1.7E12\" \"payment-P1\"");

    assertThat(client).isEqualTo(new MonitorCensus.MonitorLine(false, "evalsha", MonitorCensus.Owner.EFFECT));
    assertThat(lua).isEqualTo(new MonitorCensus.MonitorLine(true, "hget", MonitorCensus.Owner.BARRIER));
    assertThat(registry.owner()).isEqualTo(MonitorCensus.Owner.REGISTRY_AND_DLQ);
    assertThatThrownBy(() -> MonitorCensus.MonitorLine.parse("+OK")).hasMessageContaining("not a MONITOR line");
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertThat(BenchReport.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    assertThat(BenchReport.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    assertThat(BenchReport.median(List.of())).isNaN();
  }

  @Test
  void markdownTableHasHeaderRuleAndRows() {
    assertThat(BenchReport.table(List.of("a", "b"), List.of(List.of("1", "2"))))
        .isEqualTo("| a | b |\n| - | - |\n| 1 | 2 |\n");
  }
}
