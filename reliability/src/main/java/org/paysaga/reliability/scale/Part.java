package org.paysaga.reliability.scale;

import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** The parts of the scale curves, runnable one by one ({@code --only}). */
enum Part {
  SWEEPER, DETECTION, DLQ, MEMORY;

  /** {@code sweeper}, {@code detection}, {@code dlq}, {@code memory}, as the script's users spell them. */
  static final class Converter implements ITypeConverter<Part> {
    @Override
    public Part convert(String value) {
      for (Part part : values()) {
        if (part.name().toLowerCase(Locale.ROOT).equals(value)) {
          return part;
        }
      }
      throw new TypeConversionException("'" + value + "' is not sweeper, detection, dlq or memory");
    }
  }
}
