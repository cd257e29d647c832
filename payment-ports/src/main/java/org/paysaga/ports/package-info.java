/**
 * The payment services the sagas call: the product's extension point. Implement
 * {@link org.paysaga.ports.OrderService}, {@link org.paysaga.ports.PaymentChannel} and
 * {@link org.paysaga.ports.MerchantLedger} (or pick the shipped adapters), and the saga's one
 * activity layer does the rest: the idempotency barrier, retries, failure mapping, attempt logs
 * and metrics. Plain Java: no Temporal or Redis types. The contract every adapter must pass is the
 * test-jar's {@code org.paysaga.ports.contract} suite.
 */
package org.paysaga.ports;
