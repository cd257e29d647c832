package org.paysaga.reliability.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class CountTest {
  @Test
  void readsPlainAndSuffixedCounts() {
    assertThat(Count.parse("10000")).isEqualTo(10_000);
    assertThat(Count.parse("10k")).isEqualTo(10_000);
    assertThat(Count.parse("300K")).isEqualTo(300_000);
    assertThat(Count.parse("1M")).isEqualTo(1_000_000);
  }

  @Test
  void refusesWhatIsNoCountOrTooLarge() {
    assertThatThrownBy(() -> Count.parse("1m")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> Count.parse("k")).isInstanceOf(TypeConversionException.class);
    assertThatThrownBy(() -> Count.parse("3000M")).isInstanceOf(TypeConversionException.class);
  }

  @Test
  void labelsRoundCountsShort() {
    assertThat(Count.label(1_000_000)).isEqualTo("1M");
    assertThat(Count.label(300_000)).isEqualTo("300k");
    assertThat(Count.label(1_500)).isEqualTo("1500");
  }
}
