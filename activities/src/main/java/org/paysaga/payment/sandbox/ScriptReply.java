package org.paysaga.payment.sandbox;

import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;

/**
 * The reply of a sandbox write script: {@code {verdict, value}}, then the attempt number when the
 * script counted the call's attempt itself (attempt.lua). The value is the order ID or the stored
 * movement; for a conflict it is the order's current status.
 *
 * @param attempt the call's attempt number (1, 2...), 0 when the write did not count it
 */
record ScriptReply(Verdict verdict, String value, int attempt) {

  /** {@code UNAVAILABLE}: an attempt that fails by its magic value, before any write (attempt.lua). */
  enum Verdict { APPLIED, REPLAYED, NOTHING_TO_DO, CONFLICT, VOIDED, KEY_REUSED, EXCEEDS, UNAVAILABLE }

  static ScriptReply of(List<Object> reply) {
    int attempt = reply.size() > 2 ? Math.toIntExact((Long) reply.get(2)) : 0;
    return new ScriptReply(Verdict.valueOf((String) reply.get(0)), (String) reply.get(1), attempt);
  }

  /** Throws the port's retryable failure, with this message for the attempt, when the attempt failed. */
  ScriptReply orUnavailable(IntFunction<String> message) {
    if (verdict == Verdict.UNAVAILABLE) {
      throw new ServiceUnavailableException(message.apply(attempt));
    }
    return this;
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
      case NOTHING_TO_DO, CONFLICT, UNAVAILABLE ->
          throw new IllegalStateException("no reference for " + what + ": " + this);
    };
  }

  /** Like {@link #reference}, but empty when there was nothing to undo. */
  Optional<String> undone(String what) {
    return verdict == Verdict.NOTHING_TO_DO ? Optional.empty() : Optional.of(reference(what));
  }
}
