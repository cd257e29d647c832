package org.paysaga.cli.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.ProjectJars;
import org.paysaga.testsupport.SagaCliJar;
import org.paysaga.testsupport.WorkerApp;
import redis.embedded.RedisServer;

/**
 * Least privilege in Redis: the real worker jar and the real CLI jar, as processes, against a
 * real redis-server that knows only the users of the shipped ACL file
 * ({@code deploy/redis/paysaga.acl}: the default user off, {@code paysaga} limited to the
 * project's keys and commands), with a test password put in for its placeholder. Every path runs
 * under that user: the demo's six sandbox paths, a refund saga, a saga parked by its recovery
 * (list, show, size, status, resolve; retry and a forced remove of another), a saga Temporal
 * terminated mid-charge that the sweeper parks and a retry compensates, and a saga Temporal never
 * knew, parked by the sweeper and resolved by hand. Then Redis's ACL LOG must be empty: no command
 * and no key was refused. The same user is refused what it must not do.
 *
 * <p>Only the test itself reads the ACL LOG, as a user of its own ({@code acl-test-admin}) added
 * to the copy of the file.
 */
class RedisAclIT {
  private static final Path SHIPPED = ProjectJars.root().resolve("deploy/redis/paysaga.acl");
  private static final String PLACEHOLDER = "#PAYSAGA_PASSWORD_SHA256";
  private static final String USER = "paysaga";
  private static final String PASSWORD = "acl-test-" + System.nanoTime();
  private static final String ADMIN = "acl-test-admin";
  private static final String ADMIN_PASSWORD = "acl-admin-" + System.nanoTime();
  /** Payload encryption's key (harmless for code that does not read it yet). */
  private static final Map<String, String> CODEC =
      Map.of("SAGA_CODEC_KEYS", "acl-test:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");

  private SagaCliJar cli;
  private WorkerApp worker;

  @Test
  void theWorkerAndTheCliRunEveryPathAsTheAclUserAndRedisRefusesNothing() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target", "processes")), "redis-acl-");
    String shipped = Files.readString(SHIPPED, StandardCharsets.UTF_8);
    assertThat(shipped).startsWith("user default off ").contains(PLACEHOLDER);
    Path aclFile = dir.resolve("users.acl").toAbsolutePath();
    Files.writeString(aclFile, shipped.replace(PLACEHOLDER, "#" + sha256(PASSWORD))
        + "user " + ADMIN + " on >" + ADMIN_PASSWORD + " ~* &* +@all\n");

    int redisPort = FreePorts.free();
    RedisServer redis = RedisServer.newRedisServer()
        .bind("127.0.0.1")
        .port(redisPort)
        .setting("save \"\"")
        .setting("appendonly no")
        .setting("aclfile " + aclFile)
        .onShutdownForceStop(true)
        .build();
    redis.start();
    try {
      runAgainst(redisPort);
    } finally {
      redis.stop();
    }
  }

  private void runAgainst(int redisPort) throws Exception {
    int temporalPort = FreePorts.free();
    String temporal = "127.0.0.1:" + temporalPort;
    TestServer.PortBoundTestServer temporalServer = TestServer.createPortBoundServer(temporalPort);
    SagaSearchAttributes.register(temporal, "default");
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal).build());
    RedisClient lettuce = RedisClient.create();
    String redisUrl = "redis://127.0.0.1:" + redisPort;
    Map<String, String> credentials = Map.of("REDIS_USERNAME", USER, "REDIS_PASSWORD", PASSWORD);
    try (StatefulRedisConnection<String, String> adminConnection =
        lettuce.connect(uri(redisPort, ADMIN, ADMIN_PASSWORD))) {
      RedisCommands<String, String> admin = adminConnection.sync();
      assertThat(admin.aclLog()).isEmpty();

      Map<String, String> workerEnv = new LinkedHashMap<>(credentials);
      workerEnv.putAll(CODEC);
      // Sticky execution off: the Java test server. Recovery gives up at once (a refund that keeps
      // failing parks within seconds); the sweeper looks every 2 s.
      workerEnv.putAll(Map.of("SAGA_STICKYEXECUTION", "false", "SAGA_RECOVERY_INTERVAL", "1s",
          "SAGA_RECOVERY_GIVEUPAFTER", "1ms", "SAGA_SWEEPER_INTERVAL", "2s", "SAGA_METRICS_GAUGEREFRESH", "1s"));
      worker = WorkerApp.named("acl-worker").temporal(temporal).redis(redisUrl).heap("384m")
          .settings(workerEnv).build().startAndAwaitHealthy();
      Map<String, String> cliEnv = new LinkedHashMap<>(credentials);
      cliEnv.putAll(CODEC);
      cliEnv.putAll(Map.of("TEMPORAL_ADDRESS", temporal, "REDIS_URL", redisUrl));
      cli = new SagaCliJar(cliEnv);

      runEveryPath(WorkflowClient.newInstance(stubs), admin);

      // The health check (PING) and the gauges (saga_in_progress, saga_dlq_size) ran all along.
      assertThat(worker.process().log().text()).doesNotContain("NOPERM").doesNotContain("saga gauges: cannot read Redis");
      assertThat(admin.aclLog()).as("Redis refused the worker or the CLI something (ACL LOG)").isEmpty();

      refusesWhatItMustNotDo(redisPort, lettuce, admin);
    } finally {
      if (worker != null) {
        worker.close();
      }
      lettuce.shutdown();
      stubs.shutdownNow();
      temporalServer.close();
    }
  }

  private void runEveryPath(WorkflowClient temporal, RedisCommands<String, String> admin) throws Exception {
    // The demo (one saga per sandbox path: charges, declines, retries, compensations, recovery)
    // waits for its sagas most of its time: the DLQ paths below run meanwhile.
    CompletableFuture<JsonNode> demoRun = CompletableFuture.supplyAsync(() -> ok("demo", "--json").json());
    String refused = pay("acl-refused-", "m_frozen", "tok_refund_refused");
    String terminated = pay("acl-terminated-", "m_demo", "tok_slow_8");
    // A saga Temporal never knew (its history gone), as the in-flight registry may hold one.
    String lost = "payment-acl-lost-" + System.nanoTime();
    admin.zadd("saga:{inflight}", (double) System.currentTimeMillis(), lost);

    // Temporal ends a saga mid-charge: the sweeper seals and parks it, a retry starts its
    // compensation workflow, which undoes what was done and closes the entry.
    await().alias(terminated + " charges").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
        .until(() -> temporal.fetchHistory(terminated).getHistory().toString().contains("CallPaymentChannel"));
    Thread.sleep(500); // into the charge's attempt (it takes 8 s)
    temporal.newUntypedWorkflowStub(terminated).terminate("ACL test: Temporal ended it mid-charge");

    // The refused refund parks the saga at once: a retry runs its compensation again (it parks
    // again), then a forced remove.
    awaitParked(admin, refused);
    assertThat(ok("dlq", "list", "--json").json().get("entries").toString()).contains(refused);
    assertThat(ok("dlq", "retry", refused, "--json").json().get("action").asText()).isEqualTo("signalled");
    awaitEntry(admin, refused, entry -> entry.contains("\"retries\":1"));
    assertThat(ok("dlq", "show", refused, "--json").json().get("entry").get("retries").asInt()).isEqualTo(1);
    ok("dlq", "remove", refused, "--force");

    awaitParked(admin, terminated);
    assertThat(ok("dlq", "show", terminated, "--json").json().get("entry").get("source").asText())
        .isEqualTo("sweeper");
    assertThat(ok("dlq", "retry", terminated, "--json").json().get("action").asText())
        .isEqualTo("compensationStarted");

    // The lost one, parked by the sweeper, is resolved by hand: the note, the entry's removal and
    // the barrier's TTL, all written by the CLI.
    awaitParked(admin, lost);
    ok("dlq", "resolve", lost, "--note", "no such payment, ACL test");
    assertThat(saga("dlq", "retry", lost).err()).contains("resolved");

    JsonNode demo = demoRun.get(3, TimeUnit.MINUTES);
    assertThat(demo.get("allAsExpected").asBoolean()).as(demo.toString()).isTrue();
    assertThat(demo.get("sagas")).hasSize(6);
    // A refund saga (the take-back and give-back scripts) of the demo's completed payment.
    String paid = demoSaga(demo, "success").get("paymentNo").asText();
    assertThat(ok("refund", paid, "--wait", "--json").out()).contains("COMPLETED");

    // The saga that parked itself: list, show, size, status, then resolve (signalled).
    String parked = demoSaga(demo, "refund-failure").get("sagaId").asText();
    awaitParked(admin, parked);
    assertThat(ok("dlq", "list", "--json").json().get("entries").toString()).contains(parked);
    assertThat(ok("dlq", "show", parked, "--json").json().get("entry").get("sagaWaiting").asBoolean()).isTrue();
    assertThat(ok("dlq", "size").out().strip()).matches("[1-9][0-9]*");
    assertThat(ok("status", parked, "--json").json().get("inDlq").asBoolean()).isTrue();
    ok("dlq", "resolve", parked, "--note", "refunded by bank transfer, ACL test");
    until(json -> json.get("saga").get("status").asText().equals("RESOLVED"), "status", parked, "--json");

    // The terminated saga's compensation has closed its entry: the DLQ is empty.
    await().alias("the DLQ empties").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
        .until(() -> admin.zcard("saga:{dlq}:index") == 0);
    assertThat(ok("dlq", "size", "--json").json().get("size").asInt()).isZero();
  }

  /** Waits (in this JVM, cheaper than a CLI run a second) until the saga's DLQ entry is there. */
  private static void awaitParked(RedisCommands<String, String> admin, String sagaId) {
    awaitEntry(admin, sagaId, entry -> true);
  }

  private static void awaitEntry(RedisCommands<String, String> admin, String sagaId, Predicate<String> check) {
    await().alias("the DLQ entry of " + sagaId).atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200))
        .until(() -> {
          String entry = admin.hget("saga:{dlq}:entries", sagaId);
          return entry != null && check.test(entry);
        });
  }

  private String pay(String prefix, String merchant, String card) {
    return ok("pay", "--payment-no", prefix + System.nanoTime(), "--merchant", merchant, "--amount", "3.00",
        "--currency", "CNY", "--card-token", card, "--json").json().get("sagaId").asText();
  }

  /** The user of the file cannot wipe, read or write beyond its keys and commands; nobody gets in as default. */
  private static void refusesWhatItMustNotDo(int port, RedisClient lettuce, RedisCommands<String, String> admin) {
    try (StatefulRedisConnection<String, String> connection = lettuce.connect(uri(port, USER, PASSWORD))) {
      RedisCommands<String, String> redis = connection.sync();
      assertThat(redis.zcard("saga:{dlq}:index")).isZero(); // what it may do, it does
      List<Runnable> refused = List.of(
          redis::flushall,
          redis::flushdb,
          () -> redis.keys("*"),
          () -> redis.configGet("*"),
          redis::scriptFlush,
          () -> redis.set("other:key", "x"),
          () -> redis.get("saga:not-a-saga-key"),
          () -> redis.eval("return redis.call('GET', 'other:key')", ScriptOutputType.VALUE, new String[0]),
          () -> redis.eval("return redis.call('FLUSHALL')", ScriptOutputType.STATUS, new String[0]),
          () -> redis.eval("return 1", ScriptOutputType.INTEGER, "other:key"));
      for (Runnable command : refused) {
        assertThatThrownBy(command::run).isInstanceOf(RedisCommandExecutionException.class)
            .message().containsAnyOf("NOPERM", "can't access", "can't run");
      }
    }
    assertThatThrownBy(() -> lettuce.connect(uri(port, null, null)).sync().ping())
        .hasStackTraceContaining("NOAUTH");
    assertThatThrownBy(() -> lettuce.connect(uri(port, "default", "")).sync().ping())
        .isInstanceOf(Exception.class);
    // What it was refused is in the log: the empty log above says something.
    assertThat(admin.aclLog()).extracting(entry -> String.valueOf(entry.get("object")))
        .contains("flushall", "keys", "other:key", "saga:not-a-saga-key")
        .anyMatch(object -> object.startsWith("config")); // "config" on Redis 6.2, "config|get" on 7
  }

  private static RedisURI uri(int port, String user, String password) {
    RedisURI.Builder uri = RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(10));
    if (user != null) {
      uri.withAuthentication(user, password);
    }
    return uri.build();
  }

  private static JsonNode demoSaga(JsonNode demo, String path) {
    for (JsonNode node : demo.get("sagas")) {
      if (node.get("path").asText().equals(path)) {
        return node;
      }
    }
    throw new AssertionError("no " + path + " saga in " + demo);
  }

  private CliRun saga(String... args) {
    return CliRun.of(cli.run(args));
  }

  private CliRun ok(String... args) {
    CliRun run = saga(args);
    assertThat(run.exitCode())
        .as("saga " + String.join(" ", args) + "\n" + run + "\nworker:\n" + worker.process().log().tail(60))
        .isZero();
    return run;
  }

  /** Runs the command until its JSON passes the check (at most a minute). */
  private JsonNode until(Predicate<JsonNode> check, String... args) {
    return await().alias("saga " + String.join(" ", args)).atMost(Duration.ofMinutes(1))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500))
        .until(() -> ok(args).json(), check);
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
