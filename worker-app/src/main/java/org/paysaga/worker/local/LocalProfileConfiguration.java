package org.paysaga.worker.local;

import org.paysaga.worker.redis.RedisConfiguration;
import org.paysaga.redis.RedisEndpoint;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The {@code local} profile: Temporal (the dev server, or the Java test server without a
 * {@code temporal} CLI) and Redis started by this worker (or the ones already running at
 * {@code TEMPORAL_ADDRESS} and {@code REDIS_URL}), before the Temporal connection and the Redis
 * connection are made, and stopped after them.
 */
@Configuration(proxyBeanMethods = false)
@Profile("local")
public class LocalProfileConfiguration {
  static final String LOCAL_STACK_BEAN = "localStack";
  /** Beans that connect to Temporal or Redis: created after the local stack, destroyed before it. */
  private static final String[] CLIENT_BEANS = {
      "temporalServiceStubsTemplate", "temporalWorkflowServiceStubs", RedisConfiguration.SAGA_REDIS_BEAN};

  @Bean(name = LOCAL_STACK_BEAN, destroyMethod = "close")
  LocalStack localStack(Environment environment, RedisEndpoint redisEndpoint, LocalProperties settings) {
    String prefix = "spring.temporal.connection.";
    boolean tls = environment.getProperty(prefix + "enable-https", Boolean.class, false)
        || StringUtils.hasText(environment.getProperty(prefix + "api-key"))
        || StringUtils.hasText(environment.getProperty(prefix + "mtls.key-file"))
        || StringUtils.hasText(environment.getProperty(prefix + "mtls.key"))
        || StringUtils.hasText(environment.getProperty("saga.temporal-tls.ca-file"));
    return LocalStack.start(environment.getRequiredProperty(prefix + "target"), tls,
        environment.getProperty("spring.temporal.namespace", "default"), redisEndpoint, settings, System.getenv());
  }

  @Bean
  static BeanFactoryPostProcessor localStackFirst() {
    return beanFactory -> {
      for (String name : CLIENT_BEANS) {
        if (beanFactory.containsBeanDefinition(name)) {
          BeanDefinition definition = beanFactory.getBeanDefinition(name);
          String[] dependsOn = definition.getDependsOn();
          String[] merged = dependsOn == null ? new String[] {LOCAL_STACK_BEAN}
              : StringUtils.addStringToArray(dependsOn, LOCAL_STACK_BEAN);
          definition.setDependsOn(merged);
        }
      }
    };
  }
}
