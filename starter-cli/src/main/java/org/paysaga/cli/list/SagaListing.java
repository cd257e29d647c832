package org.paysaga.cli.list;

/**
 * One saga of {@code saga list}.
 *
 * @param sagaId its workflow ID
 * @param runId the run listed
 * @param sagaType {@code PaymentSaga}, {@code RefundSaga}
 * @param status the saga's status: its {@code SagaStatus}, or {@code FAILED} when Temporal ended it
 * @param sagaStatus the {@code SagaStatus} search attribute as last recorded by the saga
 * @param workflowStatus Temporal's execution status: RUNNING, COMPLETED, CANCELED, TERMINATED...
 * @param paymentNo the business key (a refund saga's refund number)
 * @param merchantId the merchant
 * @param failedStep the forward step whose failure made the saga compensate or recover, or null
 * @param startedAt when the run started
 * @param closedAt when it closed, or null while open
 * @param historyUrl the run's history in the Temporal UI
 */
public record SagaListing(String sagaId, String runId, String sagaType, String status, String sagaStatus,
    String workflowStatus, String paymentNo, String merchantId, String failedStep, String startedAt, String closedAt,
    String historyUrl) {}
