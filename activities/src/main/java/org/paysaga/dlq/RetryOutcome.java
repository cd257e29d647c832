package org.paysaga.dlq;

/**
 * What {@code retry} did.
 *
 * @param signalled true when the waiting saga was signalled {@code retryCompensation}; false when
 *     a compensation workflow was started (the saga itself no longer runs)
 * @param workflowId the workflow that now runs the outstanding work
 * @param runId its run, when one was started
 */
public record RetryOutcome(boolean signalled, String workflowId, String runId) {}
