package org.paysaga.saga;

/** Status of one phase (forward action or compensation) of a saga step. */
public enum StepStatus {
  /** Not started yet. */
  PENDING,
  /** Scheduled or running (possibly between retries). */
  RUNNING,
  /** Took effect (forward) or undid it (compensation). */
  SUCCEEDED,
  /** Gave up after its retries or failed non-retryably. */
  FAILED,
  /** Does not apply: a compensation of a step that never started, or a step with none. */
  NOT_REQUIRED
}
