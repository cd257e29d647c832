package org.paysaga.saga;

/**
 * The answer to a start request.
 *
 * @param sagaId the workflow ID
 * @param runId the run that was started, or the existing run when {@code started} is false
 * @param started false when the saga already ran or runs: nothing new was started
 */
public record SagaStart(String sagaId, String runId, boolean started) {}
