package org.paysaga.payment.sandbox;

import java.util.Optional;
import org.paysaga.payment.sandbox.SandboxStore.Attempt;
import org.paysaga.ports.OrderService;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;

/** The sandbox order service: one order per payment, CREATED, then PAID or CANCELLED. */
public final class SandboxOrders implements OrderService {
  private final SandboxStore store;

  SandboxOrders(SandboxStore store) {
    this.store = store;
  }

  @Override
  public String create(String idempotencyKey, Payment payment) {
    SandboxKeys keys = store.keys(payment);
    return store.createOrder(Attempt.of(keys, idempotencyKey), keys, SandboxIds.next("ord"), payment)
        .reference("the order's creation");
  }

  @Override
  public Optional<String> cancel(String idempotencyKey, String createKey, Payment payment) {
    SandboxKeys keys = store.keys(payment);
    ScriptReply reply = store.transitionOrder(Attempt.of(keys, idempotencyKey), keys,
        OrderStatus.CREATED, OrderStatus.CANCELLED, true);
    if (reply.verdict() == ScriptReply.Verdict.CONFLICT) {
      throw conflict("the order is " + reply.value() + " and cannot be cancelled");
    }
    return reply.undone("the order's cancellation");
  }

  @Override
  public String complete(String idempotencyKey, String createKey, Payment payment) {
    SandboxKeys keys = store.keys(payment);
    ScriptReply reply = store.transitionOrder(Attempt.of(keys, idempotencyKey), keys,
        OrderStatus.CREATED, OrderStatus.PAID, false);
    return switch (reply.verdict()) {
      case NOTHING_TO_DO -> throw conflict("there is no order to complete");
      case CONFLICT -> throw conflict("the order is " + reply.value() + " and cannot be completed");
      default -> reply.reference("the order's completion");
    };
  }

  private static ServiceRefusedException conflict(String message) {
    return new ServiceRefusedException(Refusals.ORDER_STATE_CONFLICT, message);
  }
}
