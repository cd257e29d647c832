package org.paysaga.cli.demo;

import java.util.Set;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.saga.SagaStatus;

/** The sandbox paths the demo runs, one saga each (the README's "Sandbox payment services"). */
public enum DemoPath {
  SUCCESS("success", SandboxMagicValues.CARD_OK, null, true, Set.of(SagaStatus.COMPLETED)),
  DECLINE("decline", SandboxMagicValues.CARD_DECLINED, null, true, Set.of(SagaStatus.COMPENSATED)),
  FLAKY_THEN_SUCCESS("flaky-then-success", SandboxMagicValues.flakyCard(2), null, true,
      Set.of(SagaStatus.COMPLETED)),
  FLAKY_EXHAUSTED("flaky-exhausted", SandboxMagicValues.flakyCard(4), null, true, Set.of(SagaStatus.COMPENSATED)),
  FROZEN_MERCHANT("frozen-merchant", SandboxMagicValues.CARD_OK, SandboxMagicValues.MERCHANT_FROZEN, true,
      Set.of(SagaStatus.COMPENSATED)),
  /** The refund fails too: the saga recovers on a timer and, when recovery gives up, parks in the DLQ. */
  REFUND_FAILURE("refund-failure", SandboxMagicValues.CARD_REFUND_FAILS, SandboxMagicValues.MERCHANT_FROZEN, false,
      Set.of(SagaStatus.RECOVERING, SagaStatus.DLQ));

  private final String label;
  private final String cardToken;
  private final String merchant;
  private final boolean endsQuickly;
  private final Set<SagaStatus> expected;

  DemoPath(String label, String cardToken, String merchant, boolean endsQuickly, Set<SagaStatus> expected) {
    this.label = label;
    this.cardToken = cardToken;
    this.merchant = merchant;
    this.endsQuickly = endsQuickly;
    this.expected = expected;
  }

  public String label() {
    return label;
  }

  public String cardToken() {
    return cardToken;
  }

  /** The merchant of this path, or {@code fallback} when the path works with any merchant. */
  public String merchant(String fallback) {
    return merchant == null ? fallback : merchant;
  }

  /** True when the saga ends within seconds; the others are followed until they settle. */
  public boolean endsQuickly() {
    return endsQuickly;
  }

  public Set<SagaStatus> expected() {
    return expected;
  }
}
