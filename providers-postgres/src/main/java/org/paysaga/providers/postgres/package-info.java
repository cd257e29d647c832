/**
 * The {@code postgres} payment services: {@link org.paysaga.providers.postgres.PostgresOrders}
 * ({@link org.paysaga.ports.OrderService}) and a double-entry
 * {@link org.paysaga.providers.postgres.PostgresLedger} ({@link org.paysaga.ports.MerchantLedger}),
 * built by {@link org.paysaga.providers.postgres.PostgresPaymentServices#start} from
 * {@link org.paysaga.providers.postgres.PostgresSettings} (a HikariCP pool, Flyway migrations under
 * {@code db/migration/paysaga}). Idempotency: each effect is a row under its step's key (UNIQUE),
 * written in the business change's transaction; undo keys that found nothing void the forward's
 * key in the same table. SQL failures become the ports' failures: connection loss, shutdown,
 * serialization failures, deadlocks and pool timeouts are unavailable; a connection lost during
 * COMMIT leaves the outcome unknown; anything else unexpected is an {@link IllegalStateException}.
 * {@link org.paysaga.providers.postgres.PostgresLedgerAudit} checks it all afterwards.
 */
package org.paysaga.providers.postgres;
