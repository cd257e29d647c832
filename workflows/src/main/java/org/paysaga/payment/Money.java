package org.paysaga.payment;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

/** Decimal amounts in, minor units out: parsing and formatting with the currency's precision. */
public final class Money {
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");

  private Money() {}

  /**
   * Parses {@code "12.34"} in {@code "CNY"} to 1234. Rejects (naming the field) malformed,
   * non-positive and too precise amounts and unknown currencies.
   */
  public static long parse(String amount, String currency) {
    int digits = minorDigits(currency);
    if (amount == null || amount.isBlank()) {
      throw new InvalidPaymentRequestException("amount", "is required (a decimal such as 12.34)");
    }
    String trimmed = amount.trim();
    if (!DECIMAL.matcher(trimmed).matches()) {
      throw new InvalidPaymentRequestException("amount",
          "'" + amount + "' is not a plain decimal number such as 12.34");
    }
    BigDecimal value = new BigDecimal(trimmed).stripTrailingZeros();
    if (value.signum() <= 0) {
      throw new InvalidPaymentRequestException("amount", "must be greater than zero");
    }
    if (value.scale() > digits) {
      throw new InvalidPaymentRequestException("amount", "'" + amount + "' has more than "
          + digits + " decimal places, the precision of " + currency);
    }
    BigDecimal minor = value.movePointRight(digits);
    if (minor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      throw new InvalidPaymentRequestException("amount", "is too large");
    }
    return minor.longValueExact();
  }

  /** Formats 1234 minor units of CNY as {@code "12.34"}. */
  public static String format(long amountMinor, String currency) {
    int digits;
    try {
      digits = minorDigits(currency);
    } catch (InvalidPaymentRequestException e) {
      return Long.toString(amountMinor);
    }
    return BigDecimal.valueOf(amountMinor, digits).toPlainString();
  }

  /** Number of decimal places of an ISO 4217 currency (2 for CNY, 0 for JPY). */
  public static int minorDigits(String currency) {
    if (currency == null || currency.isBlank()) {
      throw new InvalidPaymentRequestException("currency", "is required (an ISO 4217 code such as CNY)");
    }
    if (!CURRENCY_CODE.matcher(currency).matches()) {
      throw new InvalidPaymentRequestException("currency",
          "'" + currency + "' is not an ISO 4217 code (three upper-case letters such as CNY)");
    }
    int digits;
    try {
      digits = Currency.getInstance(currency).getDefaultFractionDigits();
    } catch (IllegalArgumentException e) {
      digits = -1;
    }
    if (digits < 0) {
      // Unknown codes, and codes such as XAU or XXX that are not money one can pay with.
      throw new InvalidPaymentRequestException("currency", "'" + currency + "' is not a known ISO 4217 currency");
    }
    return digits;
  }
}
