package org.paysaga.payment.sandbox;

/** Status of a sandbox order; {@code NONE} when the saga never created one. */
public enum OrderStatus {
  NONE,
  CREATED,
  PAID,
  CANCELLED
}
