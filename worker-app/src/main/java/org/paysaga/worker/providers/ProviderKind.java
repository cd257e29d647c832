package org.paysaga.worker.providers;

/** The shipped adapters a port can be given ({@code saga.providers.<port>}). */
public enum ProviderKind {
  /** Redis, magic values (docs/payment-services.md): the local profile's and the demo's. */
  SANDBOX,
  /** PostgreSQL: orders and the double-entry merchant ledger. */
  POSTGRES,
  /** A REST payment provider with Idempotency-Key (docs/payment-provider-api.md). */
  HTTP
}
