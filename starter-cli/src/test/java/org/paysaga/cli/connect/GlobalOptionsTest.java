package org.paysaga.cli.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.redis.RedisEndpoint;
import org.paysaga.cli.SagaCli;
import org.paysaga.cli.testing.Cli;
import org.paysaga.testsupport.FreePorts;
import picocli.CommandLine;

/** Global options: environment defaults, local defaults, and options before or after the command. */
class GlobalOptionsTest {

  private static GlobalOptions parse(Map<String, String> environment, String... args) {
    SagaCli cli = new SagaCli();
    CommandLine commandLine = SagaCli.commandLine(cli, environment, new PrintWriter(new StringWriter()),
        new PrintWriter(new StringWriter()));
    commandLine.parseArgs(args);
    return commandLine.getCommandSpec().commandLine().<SagaCli>getCommand().options();
  }

  @Test
  void withoutEnvironmentTheLocalDefaultsApply() {
    GlobalOptions options = parse(Map.of(), "status", "P1");

    assertThat(options.temporalAddress()).isEqualTo("127.0.0.1:7233");
    assertThat(options.namespace()).isEqualTo("default");
    assertThat(options.taskQueue()).isEqualTo("payment-saga");
    assertThat(options.redisUrl()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(options.uiUrl()).isEqualTo("http://127.0.0.1:8233");
    assertThat(options.apiKey()).isNull();
    assertThat(options.tls()).isNull();
    assertThat(options.json()).isFalse();
  }

  @Test
  void theUiFollowsTheTemporalAddressWhenNotSet() {
    assertThat(parse(Map.of("TEMPORAL_ADDRESS", "127.0.0.1:17233"), "status", "P1").uiUrl())
        .isEqualTo("http://127.0.0.1:18233");
    assertThat(parse(Map.of(), "--temporal-address", "temporal.internal:7233", "status", "P1").uiUrl())
        .isEqualTo("http://temporal.internal:8233");
  }

  @Test
  void theEnvironmentSetsTheDefaults() {
    GlobalOptions options = parse(Map.of(
        "TEMPORAL_ADDRESS", "temporal.internal:7233",
        "TEMPORAL_NAMESPACE", "payments",
        "SAGA_TASK_QUEUE", "payment-saga-eu",
        "REDIS_URL", "rediss://redis.internal:6380",
        "TEMPORAL_UI_URL", "https://temporal-ui.internal",
        "TEMPORAL_API_KEY", "key-1",
        "TEMPORAL_TLS", "true",
        "REDIS_PASSWORD", "secret"), "dlq", "size");

    assertThat(options.temporalAddress()).isEqualTo("temporal.internal:7233");
    assertThat(options.namespace()).isEqualTo("payments");
    assertThat(options.taskQueue()).isEqualTo("payment-saga-eu");
    assertThat(options.redisUrl()).isEqualTo("rediss://redis.internal:6380");
    assertThat(options.uiUrl()).isEqualTo("https://temporal-ui.internal");
    assertThat(options.apiKey()).isEqualTo("key-1");
    assertThat(options.tls()).isTrue();
    assertThat(options.redisPassword()).isEqualTo("secret");
  }

  @Test
  void optionsWinOverTheEnvironmentBeforeOrAfterTheCommand() {
    Map<String, String> environment = Map.of("TEMPORAL_NAMESPACE", "from-env", "SAGA_TASK_QUEUE", "q-env");

    GlobalOptions before = parse(environment, "--namespace", "before", "status", "P1");
    GlobalOptions after = parse(environment, "status", "P1", "--namespace", "after", "--json");
    GlobalOptions nested = parse(environment, "dlq", "--task-queue", "q-mid", "size", "--namespace", "nested");

    assertThat(before.namespace()).isEqualTo("before");
    assertThat(before.taskQueue()).isEqualTo("q-env");
    assertThat(after.namespace()).isEqualTo("after");
    assertThat(after.json()).isTrue();
    assertThat(nested.namespace()).isEqualTo("nested");
    assertThat(nested.taskQueue()).isEqualTo("q-mid");
  }

  @Test
  void theAddressOfAnErrorIsTheOneInEffect() {
    int[] ports = FreePorts.distinct(2);
    String fromEnv = "127.0.0.1:" + ports[0];
    String fromOption = "127.0.0.1:" + ports[1];
    Cli cli = new Cli(Map.of("TEMPORAL_ADDRESS", fromEnv));

    assertThat(cli.run("status", "P1").err()).contains(fromEnv);
    assertThat(cli.run("--temporal-address", fromOption, "status", "P1").err()).contains(fromOption);
    assertThat(cli.run("status", "P1", "--temporal-address", fromOption).err()).contains(fromOption);
  }

  @Test
  void aRedisUrlWithCommasIsACluster() {
    GlobalOptions options = parse(Map.of("REDIS_URL", "redis://a:7000,b:7001,redis://c:7002"), "dlq", "size");

    RedisEndpoint endpoint = RedisConnection.endpoint(options);

    assertThat(endpoint.cluster()).isTrue();
    assertThat(endpoint.describe()).isEqualTo("cluster redis://a:7000,redis://b:7001,redis://c:7002");
  }

  @Test
  void redisAddressesInMessagesNeverShowThePassword() {
    GlobalOptions options = parse(Map.of("REDIS_URL", "rediss://user:s3cret@redis.internal:6380"), "dlq", "size");

    assertThat(RedisConnection.describe(options)).isEqualTo("rediss://redis.internal:6380 (AUTH)").doesNotContain("s3cret");
    assertThat(RedisConnection.endpoint(options).uris().get(0).isSsl()).isTrue();
  }
}
