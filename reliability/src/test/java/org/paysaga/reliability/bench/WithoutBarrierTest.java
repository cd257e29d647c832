package org.paysaga.reliability.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.paysaga.catalog.Defaults;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.SandboxEffect;
import org.paysaga.payment.sandbox.SandboxEffect.Outcome;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/** The benchmark's baseline: the same sandbox writes, no barrier records, still once per key. */
class WithoutBarrierTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(redis, SagaKeyspace.DEFAULT,
      Defaults.IDEMPOTENCY_TTL, System::currentTimeMillis, new WithoutBarrier());

  @Test
  void runsAPaymentThroughWithoutTouchingTheBarrier() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.runForwardSteps(sandbox, payment);

    assertThat(sandbox.audit(sagaId).isCompletedCleanly(payment.amountMinor())).isTrue();
    assertThat(redis.exists(SagaKeyspace.DEFAULT.barrier(sagaId))).isZero();
  }

  @Test
  void aRepeatedChargeIsStillReplayedByItsIdempotencyKey() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    String sagaId = TestPayments.sagaId(payment);

    SandboxEffect first = sandbox.channel().charge(sagaId, payment);
    SandboxEffect second = sandbox.channel().charge(sagaId, payment);

    assertThat(first.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(second.outcome()).isEqualTo(Outcome.REPLAYED);
    assertThat(second.reference()).isEqualTo(first.reference());
    assertThat(sandbox.audit(sagaId).charges()).isEqualTo(1);
  }
}
