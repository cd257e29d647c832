package org.paysaga.saga;

/**
 * Lifecycle of a saga as the {@code state} query and the CLI report it; the transitions:
 * docs/design.md "Status".
 */
public enum SagaStatus {
  /** Forward steps are running. */
  RUNNING,
  /** Every forward step succeeded. */
  COMPLETED,
  /** A step failed; compensations of the steps already done are running. */
  COMPENSATING,
  /** Every needed compensation succeeded: the saga left no effect behind. */
  COMPENSATED,
  /** A compensation (or a forward-only step) exhausted its retries; the saga retries it on a timer. */
  RECOVERING,
  /** Recovery gave up; the saga waits in the dead-letter queue for an operator. */
  DLQ,
  /** An operator closed the saga by hand with a note. */
  RESOLVED,
  /** The saga could not run or could not finish its work (bad request, unrecoverable step). */
  FAILED;

  /** True when the saga will run no more code. */
  public boolean isTerminal() {
    return this == COMPLETED || this == COMPENSATED || this == RESOLVED || this == FAILED;
  }

  /** The lower-case label used in metrics ({@code saga_total{status=...}}). */
  public String metricLabel() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
