package org.paysaga.cli.dlq;

/**
 * {@code saga dlq resolve --json}.
 *
 * @param sagaId the entry (the saga's workflow ID)
 * @param workflowId the workflow signalled
 * @param note the operator's note, recorded in the saga's final state
 */
public record DlqResolveResult(String sagaId, String workflowId, String note) {}
