package org.paysaga.reliability.chaos;

import org.paysaga.payment.sandbox.SandboxMagicValues;

/**
 * The sandbox paths of the chaos run, with their share of the payments (per mille) and how each
 * must end. The shares follow the mix: 60 % success, 10 % decline, 15 % flaky, 5 % slow
 * past the timeout, 5 % frozen merchant, 5 % refund failure. Within "flaky", most outages heal
 * within the retries and some outlast them; within "refund failure", most refund outages heal in a
 * recovery round and one in five never does (those park in the DLQ).
 */
public enum PaymentPath {
  SUCCESS("success", 600, Expected.COMPLETED),
  DECLINE("decline", 100, Expected.COMPENSATED),
  /** The channel fails 1 to 3 times, then charges within the 2/4/8 s retries. */
  FLAKY_CHARGE("flaky", 100, Expected.COMPLETED),
  /** The merchant ledger fails once or twice, then credits within the retries. */
  FLAKY_MERCHANT("flaky", 30, Expected.COMPLETED),
  /** The channel fails 4 times: the retries give up and the saga compensates. */
  FLAKY_CHARGE_EXHAUSTED("flaky", 20, Expected.COMPENSATED),
  /** Every charge attempt outlasts its start-to-close timeout: the saga compensates. */
  SLOW_PAST_TIMEOUT("slow", 50, Expected.COMPENSATED),
  /** The merchant is frozen: refund, then cancel. */
  FROZEN_MERCHANT("frozen", 50, Expected.COMPENSATED),
  /** Frozen merchant and a refund outage that heals: within the retries or in a recovery round. */
  REFUND_RECOVERS("refund-failure", 40, Expected.COMPENSATED),
  /** Frozen merchant and a refund that always fails: recovery gives up, the saga parks in the DLQ. */
  REFUND_NEVER_SUCCEEDS("refund-failure", 10, Expected.DLQ);

  private final String category;
  private final int perMille;
  private final Expected expected;

  PaymentPath(String category, int perMille, Expected expected) {
    this.category = category;
    this.perMille = perMille;
    this.expected = expected;
  }

  /** The name of the path's group: success, decline, flaky, slow, frozen, refund-failure. */
  public String category() {
    return category;
  }

  public int perMille() {
    return perMille;
  }

  public Expected expected() {
    return expected;
  }

  /**
   * The card token of the {@code variant}-th payment of this path (variants spread the failure
   * counts); {@code slowSeconds} is the charge time of the slow path, past the channel's timeout.
   */
  public String cardToken(int variant, int slowSeconds) {
    return switch (this) {
      case SUCCESS, FLAKY_MERCHANT -> SandboxMagicValues.CARD_OK;
      case DECLINE -> SandboxMagicValues.CARD_DECLINED;
      case FLAKY_CHARGE -> SandboxMagicValues.flakyCard(1 + variant % 3);
      case FLAKY_CHARGE_EXHAUSTED -> SandboxMagicValues.flakyCard(4);
      case SLOW_PAST_TIMEOUT -> SandboxMagicValues.slowCard(slowSeconds);
      case FROZEN_MERCHANT -> SandboxMagicValues.CARD_OK;
      // 2 failures heal within the first round's 4 attempts; 5 need a recovery round.
      case REFUND_RECOVERS -> SandboxMagicValues.refundFlakyCard(variant % 2 == 0 ? 2 : 5);
      case REFUND_NEVER_SUCCEEDS -> SandboxMagicValues.CARD_REFUND_FAILS;
    };
  }

  public String merchant(int variant) {
    return switch (this) {
      case FLAKY_MERCHANT -> SandboxMagicValues.flakyMerchant(1 + variant % 2);
      case FROZEN_MERCHANT, REFUND_RECOVERS, REFUND_NEVER_SUCCEEDS -> SandboxMagicValues.MERCHANT_FROZEN;
      default -> "m_chaos_" + (variant % 7);
    };
  }
}
