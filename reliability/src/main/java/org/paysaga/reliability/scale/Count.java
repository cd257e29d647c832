package org.paysaga.reliability.scale;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Entry counts as people write them: {@code 10000}, {@code 10k}, {@code 1M}. */
final class Count implements ITypeConverter<Integer> {
  @Override
  public Integer convert(String value) {
    return parse(value);
  }

  static int parse(String value) {
    String text = value.trim();
    long factor = 1;
    if (text.endsWith("k") || text.endsWith("K")) {
      factor = 1_000;
    } else if (text.endsWith("M")) {
      factor = 1_000_000;
    }
    String digits = factor == 1 ? text : text.substring(0, text.length() - 1);
    try {
      long count = Math.multiplyExact(Long.parseLong(digits), factor);
      return Math.toIntExact(count);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new TypeConversionException("'" + value + "' is not a count such as 10000, 10k or 1M");
    }
  }

  /** {@code 10k}, {@code 1M}, or the number: how the tables name a size. */
  static String label(long count) {
    if (count >= 1_000_000 && count % 1_000_000 == 0) {
      return count / 1_000_000 + "M";
    }
    if (count >= 1_000 && count % 1_000 == 0) {
      return count / 1_000 + "k";
    }
    return String.format(Locale.ROOT, "%d", count);
  }
}
