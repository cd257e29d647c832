package org.paysaga.reliability.chaos;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The payment services a chaos run's workers use ({@code --providers}): the Redis sandbox, or the
 * reference adapters (orders and ledger on PostgreSQL, the payment channel over HTTP to the PSP
 * simulator).
 */
public enum Providers {
  SANDBOX("sandbox"),
  POSTGRES_HTTP("postgres,http");

  private final String label;

  Providers(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** {@code sandbox}, or {@code postgres,http} in either order, any case, spaces allowed. */
  public static Providers parse(String value) {
    if (value == null) {
      throw new IllegalArgumentException("no providers given: sandbox or postgres,http");
    }
    Set<String> names = Arrays.stream(value.split(",")).map(name -> name.trim().toLowerCase(Locale.ROOT))
        .filter(name -> !name.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    if (names.equals(Set.of("sandbox"))) {
      return SANDBOX;
    }
    if (names.equals(Set.of("postgres", "http"))) {
      return POSTGRES_HTTP;
    }
    throw new IllegalArgumentException("unknown providers '" + value + "': sandbox (the default) or postgres,http");
  }

  /** For picocli's {@code --providers}. */
  public static final class Converter implements ITypeConverter<Providers> {
    @Override
    public Providers convert(String value) {
      try {
        return parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }
}
