package org.paysaga.payment.sandbox;

import java.util.List;
import java.util.Optional;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;

/**
 * The reply of a sandbox write script: {@code {verdict, value}}. The value is the order ID or the
 * stored movement; for a conflict it is the order's current status.
 */
record ScriptReply(Verdict verdict, String value) {

  enum Verdict { APPLIED, REPLAYED, NOTHING_TO_DO, CONFLICT, VOIDED, KEY_REUSED, EXCEEDS }

  static ScriptReply of(List<Object> reply) {
    return new ScriptReply(Verdict.valueOf((String) reply.get(0)), (String) reply.get(1));
  }

  /** The reference of what was applied now or before (the head of the value); refusals as the port says. */
  String reference(String what) {
    return switch (verdict) {
      case APPLIED, REPLAYED -> Movement.idOf(value);
      case VOIDED -> throw new ServiceRefusedException(Refusals.ALREADY_COMPENSATED,
          what + " arrived after its undo voided the key: it takes no effect");
      case KEY_REUSED -> throw new ServiceRefusedException(Refusals.KEY_REUSED,
          "the idempotency key of " + what + " was used before with other parameters");
      case EXCEEDS -> throw new ServiceRefusedException(Refusals.REFUND_EXCEEDS_CHARGE,
          what + " would take back more than is left");
      case NOTHING_TO_DO, CONFLICT -> throw new IllegalStateException("no reference for " + what + ": " + this);
    };
  }

  /** Like {@link #reference}, but empty when there was nothing to undo. */
  Optional<String> undone(String what) {
    return verdict == Verdict.NOTHING_TO_DO ? Optional.empty() : Optional.of(reference(what));
  }
}
