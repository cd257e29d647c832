package org.paysaga.cli.dlq;

import java.util.List;

/**
 * {@code saga dlq list --json}.
 *
 * @param total entries in the DLQ
 * @param offset entries skipped (newest first)
 * @param limit most entries shown
 * @param entries the page, newest first
 */
public record DlqListResult(long total, int offset, int limit, List<DlqEntrySummary> entries) {}
