package org.paysaga.local;

import org.paysaga.worker.redis.RedisConfiguration;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * What the local stack adds to the worker app's context, next to the {@code localStack} bean that
 * {@link LocalStackRunListener} registers (the stack it started before the context): the beans that
 * connect to Temporal or Redis depend on it, so they are destroyed before it on shutdown, and the
 * report of the stack once the workers poll.
 */
@Configuration(proxyBeanMethods = false)
public class LocalStackConfiguration {
  static final String LOCAL_STACK_BEAN = "localStack";
  /** Beans that connect to Temporal or Redis: created after the local stack, destroyed before it. */
  private static final String[] CLIENT_BEANS = {
      "temporalServiceStubsTemplate", "temporalWorkflowServiceStubs", RedisConfiguration.SAGA_REDIS_BEAN};

  @Bean
  LocalStackReport localStackReport(LocalStack localStack) {
    return new LocalStackReport(localStack);
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
