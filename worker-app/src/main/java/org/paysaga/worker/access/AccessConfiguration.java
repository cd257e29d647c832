package org.paysaga.worker.access;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The operators' access tokens and the filter that knows them (docs/worker-app.md "Operator access"). */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

  @Bean
  AccessTokens accessTokens(@Value("${saga.access-tokens:}") List<String> tokens) {
    return new AccessTokens(tokens);
  }

  @Bean
  FilterRegistrationBean<OperatorAccessFilter> operatorAccessFilter(AccessTokens tokens) {
    return new FilterRegistrationBean<>(new OperatorAccessFilter(tokens));
  }
}
