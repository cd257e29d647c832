package org.paysaga.payment.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything the sandbox recorded for one payment saga, read in one atomic snapshot: the order,
 * the money that moved and every attempt the sandbox services saw. Amounts are in minor units of
 * the payment's currency.
 *
 * @param orderStatus the order's status, {@code NONE} when there is no order
 * @param refunds every refund of the charge: the saga's compensation and refund sagas'
 * @param refundDebitedMinor what refund sagas took back from the merchant (debits less credits back)
 * @param attempts attempts seen per activity type ({@code CallPaymentChannel} -> 3)
 * @param attemptTimes start of each attempt per activity type, epoch ms of the sandbox's clock
 */
public record PaymentAudit(
    String sagaId,
    OrderStatus orderStatus,
    int charges,
    long chargedMinor,
    int refunds,
    long refundedMinor,
    int ledgerCredits,
    long creditedMinor,
    int ledgerReversals,
    long reversedMinor,
    long refundDebitedMinor,
    Map<String, Integer> attempts,
    Map<String, List<Long>> attemptTimes) {

  public PaymentAudit {
    attempts = Map.copyOf(attempts);
    attemptTimes = Map.copyOf(attemptTimes);
  }

  /** Charged minus refunded: what the card holder paid in the end. */
  public long netChargedMinor() {
    return chargedMinor - refundedMinor;
  }

  /** Credited minus reversed minus refunded: what the merchant received in the end. */
  public long ledgerNetMinor() {
    return creditedMinor - reversedMinor - refundDebitedMinor;
  }

  public boolean chargedExactlyOnce() {
    return charges == 1;
  }

  public boolean doubleCharged() {
    return charges > 1;
  }

  public boolean doubleRefunded() {
    return refunds > 1;
  }

  /** The happy path: order PAID, one charge and one credit of the amount, nothing undone. */
  public boolean isCompletedCleanly(long amountMinor) {
    return orderStatus == OrderStatus.PAID
        && charges == 1 && chargedMinor == amountMinor && refunds == 0
        && ledgerCredits == 1 && creditedMinor == amountMinor && ledgerReversals == 0;
  }

  /**
   * A clean undo: no order left open or paid, no money kept from the card holder or given to the
   * merchant, and nothing charged, refunded, credited or reversed twice.
   */
  public boolean isCompensatedCleanly() {
    return (orderStatus == OrderStatus.CANCELLED || orderStatus == OrderStatus.NONE)
        && charges <= 1 && refunds <= 1 && netChargedMinor() == 0
        && ledgerCredits <= 1 && ledgerReversals <= 1 && ledgerNetMinor() == 0;
  }

  /** Attempts the sandbox saw of one activity type, 0 when none. */
  public int attempts(String activityType) {
    return attempts.getOrDefault(activityType, 0);
  }

  /** Start times of one activity type's attempts, oldest first. */
  public List<Long> attemptTimes(String activityType) {
    return attemptTimes.getOrDefault(activityType, List.of());
  }

  /** Milliseconds between consecutive attempts of one activity type (2000, 4000, 8000 for the saga's backoff). */
  public List<Long> attemptGapsMillis(String activityType) {
    List<Long> times = attemptTimes(activityType);
    List<Long> gaps = new ArrayList<>();
    for (int i = 1; i < times.size(); i++) {
      gaps.add(times.get(i) - times.get(i - 1));
    }
    return List.copyOf(gaps);
  }
}
