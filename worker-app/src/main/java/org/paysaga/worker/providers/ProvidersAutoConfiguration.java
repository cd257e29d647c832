package org.paysaga.worker.providers;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.MeterRegistry;
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.OrderService;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.PaymentServices;
import org.paysaga.wiring.SagaWorker;
import org.paysaga.wiring.SagaWorkerOptions;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The payment services the sagas call: the adapters {@code saga.providers.*} picks, each one only
 * when the application has no bean of that port type of its own. An auto-configuration, so that a
 * user's beans (their own configuration, or a jar on the worker's classpath) are seen first.
 */
@AutoConfiguration
@EnableConfigurationProperties(ProvidersProperties.class)
public class ProvidersAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  SandboxPaymentServices sandboxPaymentServices(RedisClusterCommands<String, String> redisCommands,
      SagaWorkerOptions options) {
    return SagaWorker.sandboxOn(redisCommands, options);
  }

  @Bean
  @ConditionalOnMissingBean
  OrderService orderService(ProvidersProperties properties, SandboxPaymentServices sandbox) {
    return switch (properties.orders()) {
      default -> sandbox.orders();
    };
  }

  @Bean
  @ConditionalOnMissingBean
  PaymentChannel paymentChannel(ProvidersProperties properties, SandboxPaymentServices sandbox) {
    return switch (properties.channel()) {
      default -> sandbox.channel();
    };
  }

  @Bean
  @ConditionalOnMissingBean
  MerchantLedger merchantLedger(ProvidersProperties properties, SandboxPaymentServices sandbox) {
    return switch (properties.ledger()) {
      default -> sandbox.ledger();
    };
  }

  @Bean
  @ConditionalOnMissingBean
  PaymentServices paymentServices(OrderService orders, PaymentChannel channel, MerchantLedger ledger) {
    return new PaymentServices(orders, channel, ledger);
  }

  @Bean
  @ConditionalOnMissingBean
  ServiceCallObserver providerMetrics(MeterRegistry registry) {
    return new ProviderMetrics(registry);
  }
}
