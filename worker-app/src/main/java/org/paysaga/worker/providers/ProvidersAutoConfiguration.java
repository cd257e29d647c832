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
import org.paysaga.providers.http.HttpPaymentChannel;
import org.paysaga.providers.postgres.PostgresPaymentServices;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Conditional;
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

  /** The pool and the schema of the postgres adapters, when a port runs on them; closed with the app. */
  @Bean(destroyMethod = "close")
  @Conditional(UsesPostgres.class)
  PostgresPaymentServices postgresPaymentServices(ProvidersProperties properties) {
    return PostgresProviders.start(properties.postgres());
  }

  @Bean
  @ConditionalOnMissingBean
  OrderService orderService(ProvidersProperties properties, SandboxPaymentServices sandbox,
      ObjectProvider<PostgresPaymentServices> postgres) {
    return properties.orders() == ProviderKind.POSTGRES ? postgres.getObject().orders() : sandbox.orders();
  }

  @Bean
  @ConditionalOnMissingBean
  PaymentChannel paymentChannel(ProvidersProperties properties, SandboxPaymentServices sandbox) {
    return properties.channel() == ProviderKind.HTTP ? HttpProviders.channel(properties.http()) : sandbox.channel();
  }

  @Bean
  @ConditionalOnMissingBean
  MerchantLedger merchantLedger(ProvidersProperties properties, SandboxPaymentServices sandbox,
      ObjectProvider<PostgresPaymentServices> postgres) {
    return properties.ledger() == ProviderKind.POSTGRES ? postgres.getObject().ledger() : sandbox.ledger();
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

  @Bean
  PaymentServicesHealthIndicator paymentServicesHealthIndicator(ObjectProvider<PostgresPaymentServices> postgres,
      PaymentChannel channel) {
    return new PaymentServicesHealthIndicator(postgres.getIfAvailable(),
        channel instanceof HttpPaymentChannel http ? http : null);
  }

  /** {@code saga.providers.orders} or {@code saga.providers.ledger} is {@code postgres}. */
  static final class UsesPostgres extends AnyNestedCondition {
    UsesPostgres() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(name = "saga.providers.orders", havingValue = "postgres")
    static final class Orders {}

    @ConditionalOnProperty(name = "saga.providers.ledger", havingValue = "postgres")
    static final class Ledger {}
  }
}
