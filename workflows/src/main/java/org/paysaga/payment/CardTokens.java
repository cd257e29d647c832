package org.paysaga.payment;

/**
 * Card tokens where they do not belong: the one masking rule for anything a person reads (logs,
 * CLI output, DLQ views), and the check that refuses a card number passed as a token.
 *
 * <p>The masking rule: a short prefix of letters up to and including its first {@code _} (at most
 * 5 characters, e.g. {@code tok_}) stays, then {@code …}, then the last 4 characters when at least
 * 10 follow the prefix (so 6 or more are always hidden); otherwise nothing after the prefix. A
 * token shorter than 8 characters is masked whole. {@code tok_refund_fail} -> {@code tok_…fail},
 * {@code tok_visa} -> {@code tok_…}, {@code 4111111111111111} -> {@code …1111}, {@code tok_x}
 * -> {@code …}. A masked token never shows more than 9 characters of the token.
 */
public final class CardTokens {
  /** What stands for the hidden part. */
  public static final String ELLIPSIS = "…";
  private static final int MAX_PREFIX = 5;
  private static final int KEPT_SUFFIX = 4;
  private static final int MIN_HIDDEN = 6;
  private static final int MIN_SHOWN_LENGTH = 8;

  private CardTokens() {}

  /** The token as people may see it (null stays null); see the class comment for the rule. */
  public static String mask(String token) {
    if (token == null) {
      return null;
    }
    if (token.length() < MIN_SHOWN_LENGTH) {
      return ELLIPSIS;
    }
    String prefix = prefix(token);
    String rest = token.substring(prefix.length());
    String suffix = rest.length() >= KEPT_SUFFIX + MIN_HIDDEN ? rest.substring(rest.length() - KEPT_SUFFIX) : "";
    return prefix + ELLIPSIS + suffix;
  }

  /** Letters then {@code _} within the first 5 characters ({@code tok_}, {@code card_}), or none. */
  private static String prefix(String token) {
    int underscore = token.indexOf('_');
    if (underscore < 1 || underscore >= MAX_PREFIX) {
      return "";
    }
    for (int i = 0; i < underscore; i++) {
      if (!Character.isLetter(token.charAt(i))) {
        return "";
      }
    }
    return token.substring(0, underscore + 1);
  }

  /**
   * True when the value looks like a card number (a PAN) rather than a channel's token: 13 to 19
   * digits, optionally grouped by spaces or dashes, that pass the Luhn check.
   */
  public static boolean isPanShaped(String value) {
    if (value == null) {
      return false;
    }
    String trimmed = value.strip();
    StringBuilder digits = new StringBuilder(trimmed.length());
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c != ' ' && c != '-') {
        return false;
      }
    }
    return digits.length() >= 13 && digits.length() <= 19 && luhn(digits);
  }

  /** The Luhn (mod 10) check of a string of digits. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }
}
