package org.paysaga.payment.sandbox;

import java.time.Duration;
import java.util.Optional;
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
    int attempt = store.recordAttempt(keys, idempotencyKey);
    String token = payment.cardToken();
    takeTime(Duration.ofSeconds(SandboxMagicValues.chargeSeconds(token)));
    if (SandboxMagicValues.declines(token)) {
      throw new ServiceRefusedException(Refusals.CARD_DECLINED, "the card was declined");
    }
    int failures = SandboxMagicValues.chargeFailures(token);
    if (attempt <= failures) {
      throw new ServiceUnavailableException("the payment channel is unavailable (attempt " + attempt + " of "
          + failures + " that fail)");
    }
    String charge = Movement.encode(SandboxIds.next("ch"), payment.amountMinor(), payment.currency());
    return store.recordOnce(keys.charges(), idempotencyKey, charge).reference("the charge");
  }

  @Override
  public Optional<String> refund(String idempotencyKey, String chargeKey, long amountMinor, Payment payment) {
    SandboxKeys keys = store.keys(payment);
    int attempt = store.recordAttempt(keys, idempotencyKey);
    if (SandboxMagicValues.refundRefused(payment.cardToken())) {
      throw new ServiceRefusedException(Refusals.REFUND_REFUSED, "the payment channel refused the refund");
    }
    if (SandboxMagicValues.refundFails(payment.cardToken(), attempt)) {
      throw new ServiceUnavailableException("the payment channel failed to refund");
    }
    return store.takeBack(keys.charges(), chargeKey, keys.refunds(), idempotencyKey, SandboxIds.next("re"),
        amountMinor, true).undone("the refund");
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
