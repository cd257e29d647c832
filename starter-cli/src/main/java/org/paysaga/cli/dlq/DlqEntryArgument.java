package org.paysaga.cli.dlq;

import picocli.CommandLine.Parameters;

/** The DLQ entry a {@code saga dlq} command is about: the saga's workflow ID or its payment number. */
final class DlqEntryArgument {
  @Parameters(index = "0", paramLabel = DlqAccess.ID,
      description = "The entry: the saga's workflow ID (payment-P1001) or its payment number.")
  String value;

  /** The entry's ID (the saga's workflow ID); a bad argument exits 2 naming it. */
  String entryId() {
    return DlqAccess.entryId(value);
  }
}
