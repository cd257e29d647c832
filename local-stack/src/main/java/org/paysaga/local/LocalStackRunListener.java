package org.paysaga.local;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paysaga.catalog.Defaults;
import org.paysaga.redis.RedisEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringApplicationRunListener;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Puts the local stack in front of one run of the worker app: adds the {@code local} profile
 * (application-local.yaml) and {@link LocalStackConfiguration}; once the environment is read
 * (application.yaml, the environment, the command line), starts Temporal and Redis where
 * {@code TEMPORAL_ADDRESS} and {@code REDIS_URL} point, or finds them there; on Temporal's Java test
 * server turns sticky execution off ({@code saga.sticky-execution=false}, in a property source
 * above all others); hands the stack to the context as the {@code localStack} bean, which stops it
 * after the workers and connections; and stops it itself if the app fails to start.
 */
final class LocalStackRunListener implements SpringApplicationRunListener {
  static final String PROFILE = "local";
  /**
   * The properties the local stack sets for the worker: its development payload key and access
   * token unless configured, and saga.sticky-execution=false on the Java test server.
   */
  static final String PROPERTY_SOURCE = "sagaLocalStack";
  private static final Logger log = LoggerFactory.getLogger(LocalStackRunListener.class);

  private LocalStack stack;

  LocalStackRunListener(SpringApplication application) {
    Set<String> profiles = new LinkedHashSet<>(application.getAdditionalProfiles());
    profiles.add(PROFILE);
    application.setAdditionalProfiles(profiles.toArray(String[]::new));
    application.addPrimarySources(List.of(LocalStackConfiguration.class));
  }

  @Override
  public void environmentPrepared(ConfigurableBootstrapContext bootstrapContext, ConfigurableEnvironment environment) {
    Map<String, Object> properties = new LinkedHashMap<>();
    String uiCodecEndpoint = developmentSecrets(environment, properties);
    stack = start(environment, uiCodecEndpoint);
    if (stack.temporal().javaTestServer()) {
      properties.put("saga.sticky-execution", "false");
      log.info("Sticky execution off (saga.sticky-execution=false): Temporal's Java test server cannot move a"
          + " stopped worker's sticky tasks to another worker");
    }
    if (!properties.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }
  }

  /**
   * With payload encryption on and no key or access token configured, the data directory's
   * development ones ({@link LocalSecrets}) go into {@code properties}; the codec server's endpoint
   * for the dev server's UI, or null when the codec server is off or its port is not known yet.
   */
  static String developmentSecrets(Environment environment, Map<String, Object> properties) {
    if (!environment.getProperty("saga.codec.enabled", Boolean.class, true)) {
      return null;
    }
    LocalProperties settings = Binder.get(environment).bindOrCreate("saga.local", LocalProperties.class);
    LocalSecrets secrets = LocalSecrets.ensure(settings.dataDirOrDefault());
    if (!StringUtils.hasText(environment.getProperty("saga.codec.key-file"))
        && !StringUtils.hasText(environment.getProperty("saga.codec.keys"))) {
      properties.put("saga.codec.key-file", secrets.keyFile().toString());
      log.info("Payload key: the local stack's development key {} (never for production)", secrets.keyFile());
    }
    String tokens = environment.getProperty("saga.access-tokens");
    String token = StringUtils.hasText(tokens) ? tokens.split(",")[0].strip() : secrets.accessToken();
    if (!StringUtils.hasText(tokens)) {
      properties.put("saga.access-tokens", token);
    }
    int port = environment.getProperty("server.port", Integer.class, 0);
    if (!environment.getProperty("saga.codec.server.enabled", Boolean.class, true) || port <= 0) {
      return null;
    }
    String host = environment.getProperty("server.address", "127.0.0.1");
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/codec/" + token;
  }

  /** The Redis of {@code saga.redis.*}: {@code REDIS_URL}, else the worker's default address. */
  static RedisEndpoint redisEndpoint(Environment environment) {
    try {
      return RedisEndpoint.parse(environment.getProperty("saga.redis.url", Defaults.REDIS_URL),
          environment.getProperty("saga.redis.cluster", Boolean.class, false));
    } catch (IllegalArgumentException e) {
      throw new LocalStackException(e.getMessage() + ".",
          "Set REDIS_URL to a redis:// URL, e.g. " + Defaults.REDIS_URL + ", or unset it.");
    }
  }

  /** The stack for the worker's settings: {@code spring.temporal.*}, {@code saga.redis.*}, {@code saga.local.*}. */
  static LocalStack start(Environment environment, String uiCodecEndpoint) {
    String prefix = "spring.temporal.connection.";
    boolean tls = environment.getProperty(prefix + "enable-https", Boolean.class, false)
        || StringUtils.hasText(environment.getProperty(prefix + "api-key"))
        || StringUtils.hasText(environment.getProperty(prefix + "mtls.key-file"))
        || StringUtils.hasText(environment.getProperty(prefix + "mtls.key"))
        || StringUtils.hasText(environment.getProperty("saga.temporal-tls.ca-file"));
    RedisEndpoint redis = redisEndpoint(environment);
    LocalProperties settings = Binder.get(environment).bindOrCreate("saga.local", LocalProperties.class);
    return LocalStack.start(environment.getRequiredProperty(prefix + "target"), tls,
        environment.getProperty("spring.temporal.namespace", "default"), redis, settings, System.getenv(),
        uiCodecEndpoint);
  }

  @Override
  public void contextPrepared(ConfigurableApplicationContext context) {
    if (!(context instanceof GenericApplicationContext generic)) {
      throw new IllegalStateException("the local stack needs a GenericApplicationContext, not " + context.getClass());
    }
    LocalStack started = stack;
    generic.registerBean(LocalStackConfiguration.LOCAL_STACK_BEAN, LocalStack.class, () -> started,
        definition -> definition.setDestroyMethodName("close"));
  }

  /** A failed start stops the stack (closing it twice is harmless: the context may have closed it). */
  @Override
  public void failed(ConfigurableApplicationContext context, Throwable exception) {
    if (stack != null) {
      stack.close();
    }
  }
}
