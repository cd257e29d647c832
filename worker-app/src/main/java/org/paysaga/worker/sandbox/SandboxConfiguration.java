package org.paysaga.worker.sandbox;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.payment.activity.SandboxPaymentActivities;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.refund.activity.SandboxRefundActivities;
import org.paysaga.worker.config.SagaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox payment services and the saga activities on them (payment and refund saga). They run in every
 * profile: the sandbox is this product's payment provider for now.
 */
@Configuration(proxyBeanMethods = false)
public class SandboxConfiguration {
  /** Bean name listed in {@code spring.temporal.workers[0].activity-beans}. */
  public static final String PAYMENT_ACTIVITIES_BEAN = "paymentActivities";
  public static final String REFUND_ACTIVITIES_BEAN = "refundActivities";

  @Bean
  SandboxPaymentServices sandboxPaymentServices(
      RedisClusterCommands<String, String> redisCommands, SagaKeyspace keyspace, SagaProperties properties) {
    return new SandboxPaymentServices(redisCommands, keyspace, properties.idempotency().ttl(), System::currentTimeMillis);
  }

  @Bean(PAYMENT_ACTIVITIES_BEAN)
  SandboxPaymentActivities paymentActivities(SandboxPaymentServices sandbox) {
    return new SandboxPaymentActivities(sandbox);
  }

  /** The refund saga's activities (merchant debit through the barrier, card refund in the sandbox). */
  @Bean(REFUND_ACTIVITIES_BEAN)
  SandboxRefundActivities refundActivities(IdempotencyBarrier barrier,
      RedisClusterCommands<String, String> redisCommands, SandboxPaymentServices sandbox) {
    return new SandboxRefundActivities(barrier, redisCommands, sandbox);
  }
}
