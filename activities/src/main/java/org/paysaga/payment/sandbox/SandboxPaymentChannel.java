package org.paysaga.payment.sandbox;

import java.time.Duration;
import java.util.Optional;
import org.paysaga.payment.sandbox.SandboxStore.Attempt;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;

/**
 * The sandbox payment channel: charges and refunds, each once per idempotency key, like a
 * provider's; refunds of one charge never add up to more than the charge.
 */
public final class SandboxPaymentChannel implements PaymentChannel {
  private final SandboxStore store;

  SandboxPaymentChannel(SandboxStore store) {
    this.store = store;
  }

  /** Charges the payment's amount to its card token, following the token's magic behaviour. */
  @Override
  public String charge(String idempotencyKey, Payment payment) {
    SandboxKeys keys = store.keys(payment);
    String token = payment.cardToken();
    int failures = SandboxMagicValues.chargeFailures(token);
    Attempt attempt = Attempt.failingFirst(failures, keys, idempotencyKey);
    Duration slowness = Duration.ofSeconds(SandboxMagicValues.chargeSeconds(token));
    if (!slowness.isZero() || SandboxMagicValues.declines(token)) {
      // A slow attempt may time out before it writes and a declined one never writes: each is
      // logged on its own at its start.
      store.recordAttempt(keys, idempotencyKey);
      attempt = Attempt.LOGGED;
      takeTime(slowness);
      if (SandboxMagicValues.declines(token)) {
        throw new ServiceRefusedException(Refusals.CARD_DECLINED, "the card was declined");
      }
    }
    String charge = Movement.encode(SandboxIds.next("ch"), payment.amountMinor(), payment.currency());
    return store.recordOnce(attempt, keys.charges(), idempotencyKey, charge)
        .orUnavailable(number -> "the payment channel is unavailable (attempt " + number + " of "
            + failures + " that fail)")
        .reference("the charge");
  }

  @Override
  public Optional<String> refund(String idempotencyKey, String chargeKey, long amountMinor, Payment payment) {
    SandboxKeys keys = store.keys(payment);
    if (SandboxMagicValues.refundRefused(payment.cardToken())) {
      // Refused without a write: the attempt is logged on its own.
      store.recordAttempt(keys, idempotencyKey);
      throw new ServiceRefusedException(Refusals.REFUND_REFUSED, "the payment channel refused the refund");
    }
    int failures = SandboxMagicValues.refundFailures(payment.cardToken());
    return store.takeBack(Attempt.failingFirst(failures, keys, idempotencyKey), keys.charges(), chargeKey,
            keys.refunds(), idempotencyKey, SandboxIds.next("re"), amountMinor, true)
        .orUnavailable(number -> "the payment channel failed to refund")
        .undone("the refund");
  }

  /** The key names its saga ({@code <workflowId>:<Step>}), and so where the charge is kept. */
  @Override
  public Optional<String> findCharge(String chargeKey) {
    int step = chargeKey.lastIndexOf(':');
    if (step < 1) {
      return Optional.empty();
    }
    return store.movement(store.keys(chargeKey.substring(0, step)).charges(), chargeKey).map(Movement::idOf);
  }

  /** A slow channel: the attempt takes this long before it charges (and may time out meanwhile). */
  private static void takeTime(Duration duration) {
    if (duration.isZero()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ServiceUnavailableException("the charge attempt was interrupted before it charged");
    }
  }
}
