package org.paysaga.payment.sandbox;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The magic card tokens and merchant IDs that pick the sandbox's behaviour, like the test modes
 * of real payment providers (the README's "Sandbox payment services"). Any other value behaves
 * normally: the charge succeeds, the merchant is credited.
 */
public final class SandboxMagicValues {
  public static final String CARD_OK = "tok_visa";
  public static final String CARD_DECLINED = "tok_decline";
  public static final String CARD_REFUND_FAILS = "tok_refund_fail";
  /** Refunds are refused outright (non-retryably): recovery cannot help, the saga goes to the DLQ. */
  public static final String CARD_REFUND_REFUSED = "tok_refund_refused";
  public static final String CARD_REFUND_FLAKY_PREFIX = "tok_refund_flaky_";
  public static final String CARD_FLAKY_PREFIX = "tok_flaky_";
  public static final String CARD_SLOW_PREFIX = "tok_slow_";
  public static final String MERCHANT_FROZEN = "m_frozen";
  public static final String MERCHANT_FLAKY_PREFIX = "m_flaky_";

  // At most four digits: a typo must not make the sandbox sleep for days.
  private static final Pattern COUNT = Pattern.compile("[0-9]{1,4}");

  private SandboxMagicValues() {}

  /** {@code tok_flaky_<failures>}: the first {@code failures} charge attempts fail retryably. */
  public static String flakyCard(int failures) {
    return CARD_FLAKY_PREFIX + failures;
  }

  /** {@code tok_slow_<seconds>}: each charge attempt takes that long before it charges. */
  public static String slowCard(int seconds) {
    return CARD_SLOW_PREFIX + seconds;
  }

  /**
   * {@code tok_refund_flaky_<failures>}: the charge succeeds, the first {@code failures} refund
   * attempts fail retryably (past the 4 attempts of one round, the saga recovers on a timer).
   */
  public static String refundFlakyCard(int failures) {
    return CARD_REFUND_FLAKY_PREFIX + failures;
  }

  /** {@code m_flaky_<failures>}: the first {@code failures} credit attempts fail retryably. */
  public static String flakyMerchant(int failures) {
    return MERCHANT_FLAKY_PREFIX + failures;
  }

  static boolean declines(String cardToken) {
    return CARD_DECLINED.equals(cardToken);
  }

  /** Whether refund attempt number {@code attempt} (1, 2...) of this card fails retryably. */
  static boolean refundFails(String cardToken, int attempt) {
    return attempt <= refundFailures(cardToken);
  }

  /** How many first refund attempts of this card fail retryably: all of them for {@code tok_refund_fail}. */
  static int refundFailures(String cardToken) {
    return CARD_REFUND_FAILS.equals(cardToken) ? Integer.MAX_VALUE : countAfter(CARD_REFUND_FLAKY_PREFIX, cardToken);
  }

  static boolean refundRefused(String cardToken) {
    return CARD_REFUND_REFUSED.equals(cardToken);
  }

  static int chargeFailures(String cardToken) {
    return countAfter(CARD_FLAKY_PREFIX, cardToken);
  }

  static int chargeSeconds(String cardToken) {
    return countAfter(CARD_SLOW_PREFIX, cardToken);
  }

  static boolean frozen(String merchantId) {
    return MERCHANT_FROZEN.equals(merchantId);
  }

  static int creditFailures(String merchantId) {
    return countAfter(MERCHANT_FLAKY_PREFIX, merchantId);
  }

  /** The number after {@code prefix}, or 0 when the value is not of that form. */
  private static int countAfter(String prefix, String value) {
    if (value == null || !value.startsWith(prefix)) {
      return 0;
    }
    Matcher count = COUNT.matcher(value.substring(prefix.length()));
    return count.matches() ? Integer.parseInt(count.group()) : 0;
  }
}
