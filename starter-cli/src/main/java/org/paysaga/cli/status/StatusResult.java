package org.paysaga.cli.status;

import java.util.Map;

import org.paysaga.cli.output.SagaView;

/**
 * {@code saga status --json}.
 *
 * @param sagaId the saga's workflow ID
 * @param runId its current (or last) run
 * @param workflowStatus Temporal's execution status: RUNNING, COMPLETED, CANCELED, FAILED,
 *     TERMINATED, TIMED_OUT, CONTINUED_AS_NEW
 * @param open true while the workflow runs (a saga in RECOVERING or DLQ is open)
 * @param source {@code query} (the state query of an open saga), {@code result} (the workflow
 *     result of a closed one), {@code closeStatus} (Temporal ended it without a result) or
 *     {@code compensation} (Temporal ended it, and the compensation workflow an operator's
 *     {@code dlq retry} started carries it on: its state is the saga's)
 * @param inDlq true when the saga is parked in the dead-letter queue
 * @param saga the saga's state
 * @param searchAttributes the saga's search attributes in Temporal's visibility (SagaStatus,
 *     SagaType, PaymentNo, MerchantId, SagaFailedStep), those it has
 * @param compensationWorkflowId that compensation workflow, or null
 * @param historyUrl the run's history in the Temporal UI
 */
public record StatusResult(
    String sagaId,
    String runId,
    String workflowStatus,
    boolean open,
    String source,
    boolean inDlq,
    SagaView saga,
    Map<String, String> searchAttributes,
    String compensationWorkflowId,
    String historyUrl) {}
