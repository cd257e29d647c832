package org.paysaga.worker;

import org.paysaga.catalog.Defaults;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.paysaga.ports.PaymentServices;
import org.paysaga.saga.TemporalUi;
import org.paysaga.codec.Keyring;
import org.paysaga.worker.codec.CodecConfiguration.PayloadKeys;
import org.paysaga.worker.codec.CodecProperties;
import org.paysaga.worker.codec.CodecServerController;
import org.paysaga.worker.providers.ProviderNames;
import org.paysaga.worker.config.SagaProperties;
import org.paysaga.redis.RedisEndpoint;
import org.paysaga.worker.temporal.WorkersStartedEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Logs, once the workers poll, where everything listens and which CLI command to try next.
 */
@Component
class StartupReport implements ApplicationListener<WorkersStartedEvent> {
  private static final Logger log = LoggerFactory.getLogger("org.paysaga.worker");
  private static final String CLI = "java -jar starter-cli/target/saga-cli.jar";

  private final Environment environment;
  private final SagaProperties properties;
  private final RedisEndpoint redis;
  private final PaymentServices services;
  private final CodecProperties codec;
  private final PayloadKeys keys;

  StartupReport(Environment environment, SagaProperties properties, RedisEndpoint redis, PaymentServices services,
      CodecProperties codec, PayloadKeys keys) {
    this.environment = environment;
    this.properties = properties;
    this.redis = redis;
    this.services = services;
    this.codec = codec;
    this.keys = keys;
  }

  @Override
  public void onApplicationEvent(WorkersStartedEvent event) {
    log.info(report(event.sinceJvmStart(), event.javaTestServer()));
  }

  String report(Duration timeTaken, boolean javaTestServer) {
    String target = environment.getProperty("spring.temporal.connection.target", Defaults.TEMPORAL_ADDRESS);
    String namespace = environment.getProperty("spring.temporal.namespace", Defaults.NAMESPACE);
    String management = managementUrl();
    String[] profiles = environment.getActiveProfiles();

    StringBuilder text = new StringBuilder();
    text.append(String.format("Payment saga worker ready in %.1f s (profile %s)%n",
        timeTaken == null ? 0.0 : timeTaken.toMillis() / 1000.0,
        profiles.length == 0 ? "default" : String.join(",", profiles)));
    text.append(String.format("  Temporal     %s, namespace %s, task queue %s%n", target, namespace,
        properties.taskQueue()));
    text.append(String.format("  Redis        %s%n", redis.describe()));
    text.append(String.format("  Payments     %s%n", ProviderNames.describe(services)));
    text.append(String.format("  Encryption   %s%n", encryption(management)));
    text.append(String.format("  Health       %s/actuator/health (groups: /liveness, /readiness)%n", management));
    text.append(String.format("  Metrics      %s/actuator/prometheus%n", management));
    text.append(String.format("  Temporal UI  %s%n", javaTestServer
        ? "none: Temporal's Java test server has no UI; use the CLI's status and history"
        : properties.temporalUiUrl() != null ? properties.temporalUiUrl() : TemporalUi.defaultUrl(target)));
    text.append(String.format("  Try next     %s", cliCommand(target, namespace)));
    return text.toString();
  }

  /** Key IDs only: never a key, never a token. */
  private String encryption(String management) {
    if (keys.keyring().isEmpty()) {
      return "OFF: payloads go to Temporal in PLAINTEXT (saga.codec.enabled=false); no codec server";
    }
    Keyring keyring = keys.keyring().get();
    String server = codec.server().enabled()
        ? "codec server " + management + CodecServerController.PATH + " (needs an operator access token,"
            + " saga.access-tokens; Temporal UI: " + CodecServerController.PATH + "/<token>)"
        : "codec server off (saga.codec.server.enabled=false)";
    return "payloads AES-256-GCM, keys " + String.join(", ", keyring.ids()) + ", encrypting with "
        + keyring.current().id() + "; " + server;
  }

  private String cliCommand(String target, String namespace) {
    List<String> flags = new ArrayList<>();
    if (!Defaults.TEMPORAL_ADDRESS.equals(target)) {
      flags.add("--temporal-address " + target);
    }
    if (!Defaults.NAMESPACE.equals(namespace)) {
      flags.add("--namespace " + namespace);
    }
    if (!Defaults.TASK_QUEUE.equals(properties.taskQueue())) {
      flags.add("--task-queue " + properties.taskQueue());
    }
    String url = properties.redis().url().strip();
    if (!Defaults.REDIS_URL.equals(url)) {
      // Never print a password: with credentials in the URL, pass the variable along.
      flags.add(url.contains("@") ? "--redis-url \"$REDIS_URL\"" : "--redis-url " + url);
    }
    return CLI + (flags.isEmpty() ? "" : " " + String.join(" ", flags)) + " demo";
  }

  private String managementUrl() {
    String port = environment.getProperty("local.management.port",
        environment.getProperty("local.server.port", environment.getProperty("management.server.port", "8081")));
    String address = environment.getProperty("management.server.address",
        environment.getProperty("server.address", "localhost"));
    if ("0.0.0.0".equals(address) || "::".equals(address)) {
      address = "localhost";
    }
    return "http://" + (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
  }
}
