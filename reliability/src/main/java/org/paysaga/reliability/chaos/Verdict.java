package org.paysaga.reliability.chaos;

import java.util.List;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.SagaStatus;

/**
 * What the audit found for one payment.
 *
 * @param status the saga's status at the end, {@code null} when Temporal has no such saga
 * @param durationMillis start to end of a finished saga (workflow clock), -1 when it did not finish
 * @param failure the saga's own account of its first failure, {@code null} when none
 * @param audit what the sandbox recorded, {@code null} when it could not be read
 * @param attemptsTakenByFaults attempts of the saga's failed steps that the faults took: never reached the
 *     sandbox (lost with a killed worker, or while Redis was down) or, once the retries ran out,
 *     failed beyond the path's scripted failures (stalled past the timeout while Redis restarted)
 * @param violations broken promises, in words; empty when the payment is sound
 */
public record Verdict(
    PlannedPayment payment,
    SagaStatus status,
    long durationMillis,
    String failure,
    PaymentAudit audit,
    int attemptsTakenByFaults,
    List<String> violations) {

  public Verdict {
    violations = List.copyOf(violations);
  }

  /** Ended other than its path expects (a should-succeed payment compensated, say): not a broken promise. */
  public boolean unexpected() {
    Expected expected = payment.path().expected();
    return status == null
        || (expected == Expected.COMPLETED && status != SagaStatus.COMPLETED)
        || (expected == Expected.COMPENSATED && status != SagaStatus.COMPENSATED)
        || (expected == Expected.DLQ && status != SagaStatus.DLQ);
  }

  /**
   * A payment that should succeed, compensated because its step's four attempts ran out: the
   * path's scripted failures plus attempts the injected faults took. The retry policy (4 attempts)
   * requires exactly this; the saga undid it cleanly.
   */
  public boolean retryBudgetSpentOnFaults() {
    return payment.path().expected() == Expected.COMPLETED && status == SagaStatus.COMPENSATED && attemptsTakenByFaults > 0;
  }

  public boolean finished() {
    return status == SagaStatus.COMPLETED || status == SagaStatus.COMPENSATED;
  }

  public boolean doubleCharged() {
    return audit != null && audit.doubleCharged();
  }

  public boolean doubleRefunded() {
    return audit != null && audit.doubleRefunded();
  }

  /** Money left with the merchant by a saga that did not complete and is not parked for an operator. */
  public boolean orphanLedgerEntry() {
    return audit != null && status != SagaStatus.COMPLETED && status != SagaStatus.DLQ
        && audit.ledgerNetMinor() != 0;
  }
}
