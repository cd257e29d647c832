package org.paysaga.ports;

import java.util.Optional;

/**
 * The order service: one order per payment, created, then paid or cancelled.
 *
 * <p>Every call carries its step's idempotency key ({@code <workflowId>:<Step>}): a call repeated
 * with the same key changes nothing and answers as the first one did. A compensation carries the
 * key of the forward call it undoes as well; when the service never saw that key, it remembers the
 * key as void, so a forward call still on its way is refused ({@link Refusals#ALREADY_COMPENSATED}).
 * Failures are {@link ServiceRefusedException}, {@link ServiceUnavailableException} or
 * {@link OutcomeUnknownException}.
 */
public interface OrderService {

  /** Creates the payment's order (status CREATED); returns the order's reference. */
  String create(String idempotencyKey, Payment payment);

  /**
   * Cancels the order created under {@code createKey}; empty when there is none. Refused
   * ({@link Refusals#ORDER_STATE_CONFLICT}) when the order is paid.
   */
  Optional<String> cancel(String idempotencyKey, String createKey, Payment payment);

  /**
   * Marks the order created under {@code createKey} paid. Refused
   * ({@link Refusals#ORDER_STATE_CONFLICT}) when there is no order or it was cancelled.
   */
  String complete(String idempotencyKey, String createKey, Payment payment);
}
