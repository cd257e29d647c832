package org.paysaga.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SandboxMagicValuesTest {

  @Test
  void readsTheCountsOfFlakyAndSlowValues() {
    assertThat(SandboxMagicValues.chargeFailures("tok_flaky_3")).isEqualTo(3);
    assertThat(SandboxMagicValues.chargeSeconds("tok_slow_70")).isEqualTo(70);
    assertThat(SandboxMagicValues.creditFailures("m_flaky_2")).isEqualTo(2);
  }

  @Test
  void ordinaryAndMalformedValuesBehaveNormally() {
    assertThat(SandboxMagicValues.chargeFailures("tok_visa")).isZero();
    assertThat(SandboxMagicValues.chargeFailures("tok_flaky_")).isZero();
    assertThat(SandboxMagicValues.chargeFailures("tok_flaky_x")).isZero();
    assertThat(SandboxMagicValues.chargeSeconds("tok_slow_99999")).isZero();
    assertThat(SandboxMagicValues.creditFailures("m_flakyshop")).isZero();
    assertThat(SandboxMagicValues.declines("tok_visa")).isFalse();
    assertThat(SandboxMagicValues.refundFails("tok_refund_failure", 1)).isFalse();
    assertThat(SandboxMagicValues.refundFails("tok_refund_flaky_x", 1)).isFalse();
    assertThat(SandboxMagicValues.refundRefused("tok_refund_fail")).isFalse();
    assertThat(SandboxMagicValues.frozen("m_frozen_not")).isFalse();
  }

  @Test
  void buildsTheMagicValues() {
    assertThat(SandboxMagicValues.flakyCard(2)).isEqualTo("tok_flaky_2");
    assertThat(SandboxMagicValues.slowCard(1)).isEqualTo("tok_slow_1");
    assertThat(SandboxMagicValues.flakyMerchant(4)).isEqualTo("m_flaky_4");
    assertThat(SandboxMagicValues.refundFlakyCard(8)).isEqualTo("tok_refund_flaky_8");
  }

  @Test
  void refundsFailAsTheCardSays() {
    assertThat(SandboxMagicValues.refundFails("tok_refund_fail", 100)).isTrue();
    assertThat(SandboxMagicValues.refundFails("tok_refund_flaky_2", 2)).isTrue();
    assertThat(SandboxMagicValues.refundFails("tok_refund_flaky_2", 3)).isFalse();
    assertThat(SandboxMagicValues.refundRefused("tok_refund_refused")).isTrue();
  }
}
