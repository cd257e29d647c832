package org.paysaga.reliability.chaos;

/** How a payment of a sandbox path must end. */
public enum Expected {
  /** Order paid, charged once, merchant credited once. */
  COMPLETED,
  /** Everything undone by the saga itself, no operator involved. */
  COMPENSATED,
  /** A compensation can never succeed: parked in the DLQ for an operator. */
  DLQ
}
