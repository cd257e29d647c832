package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace.SandboxKeys;

import org.paysaga.barrier.BarrierStep;

import static org.paysaga.payment.PaymentSteps.CANCEL_ORDER;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;

import org.paysaga.payment.PaymentRequest;

/** The sandbox order service: one order per saga, CREATED, then PAID or CANCELLED. */
public final class SandboxOrders {
  static final String NOTHING_TO_CANCEL = "nothing-to-cancel";

  private final SandboxStore store;

  SandboxOrders(SandboxStore store) {
    this.store = store;
  }

  /** Creates the saga's order (CREATED); an order that exists already is left as it is. */
  public SandboxEffect create(String sagaId, PaymentRequest request) {
    SandboxKeys keys = store.keys(sagaId);
    store.recordAttempt(keys, CREATE_ORDER);
    return store.createOrder(keys, BarrierStep.forward(sagaId, CREATE_ORDER), SandboxIds.next("ord"), request)
        .effect();
  }

  /** Marks the order PAID; refuses when there is no order or it was cancelled. */
  public SandboxEffect complete(String sagaId) {
    SandboxKeys keys = store.keys(sagaId);
    store.recordAttempt(keys, COMPLETE_ORDER);
    ScriptReply reply = store.transitionOrder(
        keys, BarrierStep.forward(sagaId, COMPLETE_ORDER), OrderStatus.CREATED, OrderStatus.PAID);
    return switch (reply.verdict()) {
      case NOTHING_TO_DO -> throw SandboxFailure.refusal(SandboxFailure.ORDER_STATE_CONFLICT,
          "there is no order to complete");
      case CONFLICT -> throw SandboxFailure.refusal(SandboxFailure.ORDER_STATE_CONFLICT,
          "the order is " + reply.value() + " and cannot be completed");
      default -> reply.effect();
    };
  }

  /** Cancels the order; without an order there is nothing to cancel. A paid order stays paid. */
  public SandboxEffect cancel(String sagaId) {
    SandboxKeys keys = store.keys(sagaId);
    store.recordAttempt(keys, CANCEL_ORDER);
    ScriptReply reply = store.transitionOrder(keys, BarrierStep.compensation(sagaId, CREATE_ORDER),
        OrderStatus.CREATED, OrderStatus.CANCELLED);
    if (reply.verdict() == ScriptReply.Verdict.CONFLICT) {
      throw SandboxFailure.refusal(SandboxFailure.ORDER_STATE_CONFLICT,
          "the order is " + reply.value() + " and cannot be cancelled");
    }
    return reply.effectOr(NOTHING_TO_CANCEL);
  }
}
