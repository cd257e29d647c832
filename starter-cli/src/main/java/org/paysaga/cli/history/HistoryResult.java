package org.paysaga.cli.history;

import java.util.List;

/**
 * {@code saga history --json}.
 *
 * @param sagaId the saga's workflow ID
 * @param runId the run shown (the current or last one)
 * @param namespace the Temporal namespace
 * @param workflowStatus Temporal's execution status (RUNNING, COMPLETED, ...)
 * @param eventCount events in the history (all of them)
 * @param hiddenEvents workflow task bookkeeping events left out (0 with {@code --all})
 * @param events the events shown, in order
 * @param historyUrl the run's history in the Temporal UI
 */
public record HistoryResult(
    String sagaId,
    String runId,
    String namespace,
    String workflowStatus,
    int eventCount,
    int hiddenEvents,
    List<EventRow> events,
    String historyUrl) {}
