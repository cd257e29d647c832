package org.paysaga.barrier;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user's own payment service outside Redis, keeping the contract docs/idempotency-and-dlq.md
 * asks of it: charges deduplicated on their idempotency key, refunds by the charge's key (once),
 * and a refund of a key it never saw voids that key, so a late charge with it is refused.
 */
final class KeyedPaymentService {
  private final Map<String, String> charges = new HashMap<>();
  private final Map<String, String> refunds = new HashMap<>();
  private final Set<String> voided = new HashSet<>();
  private final AtomicInteger ids = new AtomicInteger();

  /** The charge made under this key (the first one's on a repeat). */
  synchronized String charge(String key) {
    if (voided.contains(key)) {
      throw new IllegalStateException("charge " + key + " was voided: refused");
    }
    return charges.computeIfAbsent(key, k -> "ch_" + ids.incrementAndGet());
  }

  /** Refunds what {@code chargeKey} charged, once; voids the key when nothing was charged. */
  synchronized String refund(String chargeKey, String refundKey) {
    if (!charges.containsKey(chargeKey)) {
      voided.add(chargeKey);
      return IdempotencyBarrier.NULL_COMPENSATION;
    }
    return refunds.computeIfAbsent(refundKey, k -> "re_" + ids.incrementAndGet());
  }

  synchronized int charges() {
    return charges.size();
  }

  synchronized int refunds() {
    return refunds.size();
  }
}
