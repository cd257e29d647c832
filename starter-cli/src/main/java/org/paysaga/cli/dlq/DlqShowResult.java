package org.paysaga.cli.dlq;

/**
 * {@code saga dlq show --json}.
 *
 * @param entry every field of the entry
 * @param historyUrl the history of the run that parked it, in the Temporal UI
 */
public record DlqShowResult(DlqEntryDetail entry, String historyUrl) {}
