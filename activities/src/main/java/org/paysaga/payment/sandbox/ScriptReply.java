package org.paysaga.payment.sandbox;

import java.util.List;

/**
 * The reply of a sandbox write script: {@code {verdict, value}}. The value is the order ID or the
 * stored movement; for a conflict it is the order's current status.
 */
record ScriptReply(Verdict verdict, String value) {

  enum Verdict { APPLIED, REPLAYED, NOTHING_TO_DO, CONFLICT, HANGING }

  static ScriptReply of(List<Object> reply) {
    return new ScriptReply(Verdict.valueOf((String) reply.get(0)), (String) reply.get(1));
  }

  /** The effect of an applied or replayed change, whose reference is the head of the value. */
  SandboxEffect effect() {
    SandboxEffect.Outcome outcome = switch (verdict) {
      case APPLIED -> SandboxEffect.Outcome.APPLIED;
      case REPLAYED -> SandboxEffect.Outcome.REPLAYED;
      default -> throw new IllegalStateException("No effect to report for " + this);
    };
    return new SandboxEffect(Movement.idOf(value), outcome);
  }

  /** Like {@link #effect()}, but reports {@code nothing} when there was nothing to do. */
  SandboxEffect effectOr(String nothing) {
    return verdict == Verdict.NOTHING_TO_DO
        ? new SandboxEffect(nothing, SandboxEffect.Outcome.NOTHING_TO_DO)
        : effect();
  }
}
