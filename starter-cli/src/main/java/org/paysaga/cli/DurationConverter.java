package org.paysaga.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Durations as people write them: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 2h}, or ISO {@code PT10M}. */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern SIMPLE = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(java.util.Locale.ROOT);
    Matcher matcher = SIMPLE.matcher(text);
    Duration duration;
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      duration = switch (matcher.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } else {
      try {
        duration = Duration.parse(value.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 90s, 10m or 1h");
      }
    }
    if (duration.isZero() || duration.isNegative()) {
      throw new TypeConversionException("'" + value + "' must be a positive duration");
    }
    return duration;
  }
}
