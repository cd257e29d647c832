package org.paysaga.redis;

import org.paysaga.catalog.Defaults;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanIterator;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/** One prefix for every key: two deployments on one Redis never see each other's records. */
class KeyPrefixTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();

  @Test
  void everyKeyOfASagaCarriesTheDeploymentsPrefixAndTheDefaultOneSeesNone() {
    SagaKeyspace deploymentB = new SagaKeyspace("pay-eu-" + System.nanoTime());
    SandboxPaymentServices sandbox = new SandboxPaymentServices(redis, deploymentB, Defaults.IDEMPOTENCY_TTL,
        System::currentTimeMillis);
    String sagaId = TestPayments.runEverySandboxStep(sandbox);
    // The sandbox no longer writes inside the barrier: the activities record each step in it.
    IdempotencyBarrier barrierB = new IdempotencyBarrier(redis, deploymentB);
    BarrierStep charge = BarrierStep.forward(sagaId, "CallPaymentChannel");
    barrierB.begin(charge);
    barrierB.record(charge, "ch_1");

    List<String> keys = ScanIterator.scan(redis, ScanArgs.Builder.matches("*{" + sagaId + "}*")).stream().toList();
    assertThat(keys).isNotEmpty().allMatch(key -> key.startsWith(deploymentB.prefix() + ":{" + sagaId + "}:"));
    assertThat(keys).contains(deploymentB.barrier(sagaId));
    assertThat(barrierB.records(sagaId)).isNotEmpty();
    // The default deployment on the same Redis knows nothing of this saga.
    assertThat(new IdempotencyBarrier(redis).records(sagaId)).isEmpty();
    assertThat(new SandboxPaymentServices(redis).audit(sagaId).charges()).isZero();
    assertThat(sandbox.audit(sagaId).charges()).isEqualTo(1);
  }

  @Test
  void theDefaultPrefixGivesTheDesignsNames() {
    assertThat(SagaKeyspace.DEFAULT.barrier("payment-P1")).isEqualTo("saga:{payment-P1}:barrier");
    assertThat(SagaKeyspace.DEFAULT.inflight()).isEqualTo("saga:{inflight}");
    assertThat(SagaKeyspace.DEFAULT.dlqEntries()).isEqualTo("saga:{dlq}:entries");
    assertThat(SagaKeyspace.DEFAULT.sandbox("payment-P1").base()).isEqualTo("saga:{payment-P1}:sandbox:");
  }
}
