package org.paysaga.payment.sandbox;

import org.paysaga.catalog.Defaults;

import org.paysaga.redis.SagaKeyspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.sandbox.SandboxFailures.assertRefused;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.SandboxEffect.Outcome;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

class SandboxOrdersTest {
  private static final long NOW = 1_700_000_000_000L;

  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SandboxOrders orders =
      new SandboxPaymentServices(redis, SagaKeyspace.DEFAULT, Defaults.IDEMPOTENCY_TTL, () -> NOW).orders();
  private final PaymentRequest payment = TestPayments.toMerchant("m_shop");
  private final String sagaId = TestPayments.sagaId(payment);
  private final String orderKey = SagaKeyspace.DEFAULT.sandbox(sagaId).order();

  @Test
  void createsTheOrderOnce() {
    SandboxEffect order = orders.create(sagaId, payment);
    SandboxEffect again = orders.create(sagaId, payment);

    assertThat(order.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(order.reference()).startsWith("ord_");
    assertThat(again).isEqualTo(new SandboxEffect(order.reference(), Outcome.REPLAYED));
    assertThat(redis.hgetall(orderKey)).isEqualTo(Map.of(
        "id", order.reference(), "status", "CREATED", "paymentNo", payment.paymentNo(),
        "merchantId", "m_shop", "amountMinor", "1234", "currency", "CNY",
        "createdAt", Long.toString(NOW), "updatedAt", Long.toString(NOW)));
  }

  @Test
  void completesTheOrderOnce() {
    SandboxEffect order = orders.create(sagaId, payment);

    assertThat(orders.complete(sagaId)).isEqualTo(new SandboxEffect(order.reference(), Outcome.APPLIED));
    assertThat(orders.complete(sagaId)).isEqualTo(new SandboxEffect(order.reference(), Outcome.REPLAYED));
    assertThat(redis.hget(orderKey, "status")).isEqualTo("PAID");
  }

  @Test
  void cancelsTheOrderOnce() {
    SandboxEffect order = orders.create(sagaId, payment);

    assertThat(orders.cancel(sagaId)).isEqualTo(new SandboxEffect(order.reference(), Outcome.APPLIED));
    assertThat(orders.cancel(sagaId)).isEqualTo(new SandboxEffect(order.reference(), Outcome.REPLAYED));
    assertThat(redis.hget(orderKey, "status")).isEqualTo("CANCELLED");
  }

  @Test
  void cancellingWithoutAnOrderDoesNothingAndSucceeds() {
    assertThat(orders.cancel(sagaId)).isEqualTo(
        new SandboxEffect(SandboxOrders.NOTHING_TO_CANCEL, Outcome.NOTHING_TO_DO));
    assertThat(redis.exists(orderKey)).isZero();
  }

  @Test
  void aPaidOrderIsNeverCancelled() {
    orders.create(sagaId, payment);
    orders.complete(sagaId);

    assertRefused(() -> orders.cancel(sagaId), SandboxFailure.ORDER_STATE_CONFLICT);
    assertThat(redis.hget(orderKey, "status")).isEqualTo("PAID");
  }

  @Test
  void aCancelledOrderIsNeverCompletedNorCreatedAgain() {
    orders.create(sagaId, payment);
    orders.cancel(sagaId);

    assertRefused(() -> orders.complete(sagaId), SandboxFailure.ORDER_STATE_CONFLICT);
    // The barrier: a CreateOrder arriving after its compensation takes no effect.
    assertRefused(() -> orders.create(sagaId, payment), SandboxFailure.SAGA_ALREADY_COMPENSATED);
    assertThat(redis.hget(orderKey, "status")).isEqualTo("CANCELLED");
  }

  @Test
  void completingWithoutAnOrderIsRefused() {
    assertRefused(() -> orders.complete(sagaId), SandboxFailure.ORDER_STATE_CONFLICT);
    assertThat(redis.exists(orderKey)).isZero();
  }
}
