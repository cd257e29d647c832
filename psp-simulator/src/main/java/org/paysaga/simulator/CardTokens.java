package org.paysaga.simulator;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox's magic card tokens (activities' {@code SandboxMagicValues}), as the simulator
 * reads them, and how a token is shown: masked, never whole.
 */
final class CardTokens {
  static final String DECLINED = "tok_decline";
  static final String REFUND_FAILS = "tok_refund_fail";
  static final String REFUND_REFUSED = "tok_refund_refused";
  static final String REFUND_FLAKY_PREFIX = "tok_refund_flaky_";
  static final String FLAKY_PREFIX = "tok_flaky_";
  static final String SLOW_PREFIX = "tok_slow_";
  // At most four digits, as the sandbox: a typo must not make the simulator sleep for days.
  private static final Pattern COUNT = Pattern.compile("[0-9]{1,4}");

  private CardTokens() {}

  /** {@code tok_…visa}: the last 4 characters only (and the {@code tok_} prefix). */
  static String mask(String token) {
    if (token == null || token.length() <= 4) {
      return "…";
    }
    return (token.startsWith("tok_") ? "tok_" : "") + "…" + token.substring(token.length() - 4);
  }

  static boolean declines(String token) {
    return DECLINED.equals(token);
  }

  /** Charge attempts of a key answered 503 first. */
  static int chargeFailures(String token) {
    return countAfter(FLAKY_PREFIX, token);
  }

  static int chargeSeconds(String token) {
    return countAfter(SLOW_PREFIX, token);
  }

  /**
   * How the charge's refunds go, kept with the charge (the token itself is not kept):
   * {@code normal}, {@code fail}, {@code refused} or {@code flaky:<n>}.
   */
  static String refundMode(String token) {
    if (REFUND_FAILS.equals(token)) {
      return "fail";
    }
    if (REFUND_REFUSED.equals(token)) {
      return "refused";
    }
    int flaky = countAfter(REFUND_FLAKY_PREFIX, token);
    return flaky > 0 ? "flaky:" + flaky : "normal";
  }

  static int refundFailures(String refundMode) {
    return refundMode.startsWith("flaky:") ? Integer.parseInt(refundMode.substring("flaky:".length())) : 0;
  }

  private static int countAfter(String prefix, String value) {
    if (value == null || !value.startsWith(prefix)) {
      return 0;
    }
    Matcher count = COUNT.matcher(value.substring(prefix.length()));
    return count.matches() ? Integer.parseInt(count.group()) : 0;
  }
}
