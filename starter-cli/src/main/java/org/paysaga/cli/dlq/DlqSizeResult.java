package org.paysaga.cli.dlq;

/** {@code saga dlq size --json}: {@code size} entries in the DLQ. */
public record DlqSizeResult(long size) {}
