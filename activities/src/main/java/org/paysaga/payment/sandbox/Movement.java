package org.paysaga.payment.sandbox;

import java.util.Arrays;

/**
 * A stored money movement. Charges and credits are stored as {@code id|amountMinor|currency[|detail]};
 * an undo (refund, reversal) is stored by the Lua script as {@code undoId|<the undone movement>}.
 * IDs, amounts, currencies and merchant IDs never contain {@code |}.
 *
 * @param id the movement's own ID (charge, refund, ledger entry)
 * @param undoes for a refund or reversal the ID of the movement it undoes, otherwise null
 */
record Movement(String id, String undoes, long amountMinor, String currency) {
  private static final String SEPARATOR = "|";

  static String encode(String id, long amountMinor, String currency, String... details) {
    StringBuilder value = new StringBuilder(id).append(SEPARATOR).append(amountMinor)
        .append(SEPARATOR).append(currency);
    Arrays.stream(details).forEach(detail -> value.append(SEPARATOR).append(detail));
    return value.toString();
  }

  static Movement parse(String value) {
    String[] fields = split(value, 3);
    return new Movement(fields[0], null, Long.parseLong(fields[1]), fields[2]);
  }

  static Movement parseUndo(String value) {
    String[] fields = split(value, 4);
    return new Movement(fields[0], fields[1], Long.parseLong(fields[2]), fields[3]);
  }

  /** The ID at the head of a stored value, without parsing the rest. */
  static String idOf(String value) {
    int end = value.indexOf(SEPARATOR);
    return end < 0 ? value : value.substring(0, end);
  }

  private static String[] split(String value, int required) {
    String[] fields = value.split("\\|");
    if (fields.length < required) {
      throw new IllegalStateException("Malformed sandbox movement: " + value);
    }
    return fields;
  }
}
