package org.paysaga.worker.codec;

import io.temporal.common.converter.DataConverter;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.paysaga.codec.Keyring;
import org.paysaga.codec.SagaDataConverter;
import org.paysaga.saga.TemporalUi;
import org.paysaga.worker.config.SagaProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The data converter every client and worker of the app uses (the Temporal starter takes the bean
 * named {@code mainDataConverter}), and the CORS settings of the codec server
 * ({@link CodecServerController}) that lets the Temporal UI read it.
 */
@Configuration(proxyBeanMethods = false)
public class CodecConfiguration {

  /** The keys, read once at start; a missing or bad key stops the app naming the property. */
  @Bean
  PayloadKeys payloadKeys(CodecProperties properties) {
    try {
      return new PayloadKeys(properties.keySettings().keyring(CodecProperties.NAMES));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Bean
  DataConverter mainDataConverter(PayloadKeys keys) {
    return keys.keyring().map(SagaDataConverter::encrypting).orElseGet(SagaDataConverter::plaintext);
  }

  // The codec server itself: CodecServerController, a scanned component with the same condition.

  @Bean
  @ConditionalOnExpression(CodecServerController.ENABLED)
  WebMvcConfigurer codecServerCors(CodecProperties properties, SagaProperties saga,
      @Value("${spring.temporal.connection.target}") String target) {
    List<String> origins = properties.server().allowedOrigins().isEmpty()
        ? List.of(origin(URI.create(saga.temporalUiUrl() != null ? saga.temporalUiUrl() : TemporalUi.defaultUrl(target))))
        : properties.server().allowedOrigins().stream().map(CodecConfiguration::origin).toList();
    return new WebMvcConfigurer() {
      @Override
      public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping(CodecServerController.PATH + "/**")
            .allowedOrigins(origins.toArray(String[]::new))
            .allowedMethods("POST")
            .allowedHeaders("Content-Type", "X-Namespace", "Authorization")
            .allowCredentials(true);
      }
    };
  }

  private static String origin(URI uri) {
    return uri.getScheme() + "://" + uri.getRawAuthority();
  }

  /** The keyring, or empty where encryption is turned off. */
  public record PayloadKeys(Optional<Keyring> keyring) {}
}
