package org.paysaga.reliability.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.paysaga.reliability.stack.RedisServerProcess;
import org.paysaga.reliability.stack.StackOptions;
import org.paysaga.reliability.stack.TemporalEngine;
import org.paysaga.testsupport.WorkerApp;

/**
 * The processes of a chaos run, all on loopback: the Temporal engine (the dev server on a SQLite
 * file, or Temporal's standalone Java test server), a {@code redis-server} with append-only
 * persistence, and two replicas of the worker app's jar in its default profile with short timeouts
 * and recovery intervals.
 */
public final class ChaosStack implements AutoCloseable {
  /** Charge attempts time out after 3 s. */
  static final int CHANNEL_TIMEOUT_SECONDS = 3;
  /**
   * The slow path's charge time: past all four attempts of the channel step and their 2/4/8 s
   * waits, which under a run's load end up to about 31 s after the first began. A retry that began
   * after a landed charge would replay it and complete the saga; this way every attempt times out,
   * the saga compensates, and the refund meets (or voids the key of) the late charge.
   */
  static final int SLOW_CHARGE_SECONDS = 45;
  /** A killed worker stays down this long before it is started again. */
  static final Duration WORKER_RESTART_DELAY = Duration.ofSeconds(5);

  private final TemporalEngine temporal;
  private final RedisServerProcess redis;
  private final List<WorkerApp> workers;

  private ChaosStack(TemporalEngine temporal, RedisServerProcess redis, List<WorkerApp> workers) {
    this.temporal = temporal;
    this.redis = redis;
    this.workers = workers;
  }

  public static ChaosStack start(Path workDir, StackOptions options) {
    return start(workDir, options, Map.of());
  }

  /** @param providerSettings added to the workers' settings: the payment services they use */
  public static ChaosStack start(Path workDir, StackOptions options, Map<String, String> providerSettings) {
    TemporalEngine temporal = options.startEngine(workDir);
    Path workerJar = options.workerJar();
    Map<String, String> settings = new java.util.HashMap<>(workerSettings(temporal.kind()));
    settings.putAll(providerSettings);
    RedisServerProcess redis = null;
    try {
      redis = RedisServerProcess.start(options.redisServer(), workDir.resolve("redis-data"), workDir, true);
      List<WorkerApp> workers = List.of(worker("worker-1", workerJar, temporal, redis, settings, workDir),
          worker("worker-2", workerJar, temporal, redis, settings, workDir));
      // Both JVMs start at once; each start is bounded by the replica's own wait.
      CompletableFuture.allOf(workers.stream()
          .map(w -> CompletableFuture.runAsync(w::startAndAwaitHealthy)).toArray(CompletableFuture[]::new)).join();
      return new ChaosStack(temporal, redis, workers);
    } catch (RuntimeException e) {
      if (redis != null) {
        redis.close();
      }
      temporal.close();
      throw e;
    }
  }

  /** One replica in the default profile: what the chaos run and the real-server suite run twice. */
  public static WorkerApp worker(String name, Path jar, TemporalEngine temporal, RedisServerProcess redis,
      Map<String, String> settings, Path logDir) {
    return WorkerApp.named(name).jar(jar).heap("384m").temporal(temporal.address()).redis(redis.url())
        .settings(settings).logDir(logDir).build();
  }

  /**
   * Short timeouts and recovery so a run ends in minutes: a step attempt lost with a killed worker
   * is retried after 5 s, a refund outage gets a recovery round every 3 s for a minute, then parks.
   * Sticky execution as in production, except on the Java test server, which cannot move a killed
   * worker's sticky tasks.
   */
  static Map<String, String> workerSettings(TemporalEngine.Kind engine) {
    return Map.ofEntries(
        Map.entry("SAGA_STEPS_CREATEORDER_STARTTOCLOSE", "5s"),
        Map.entry("SAGA_STEPS_CALLPAYMENTCHANNEL_STARTTOCLOSE", CHANNEL_TIMEOUT_SECONDS + "s"),
        Map.entry("SAGA_STEPS_CREDITMERCHANT_STARTTOCLOSE", "5s"),
        Map.entry("SAGA_STEPS_COMPLETEORDER_STARTTOCLOSE", "5s"),
        Map.entry("SAGA_RECOVERY_INTERVAL", "3s"),
        Map.entry("SAGA_RECOVERY_GIVEUPAFTER", "60s"),
        Map.entry("SAGA_SWEEPER_INTERVAL", "15s"),
        Map.entry("SAGA_STICKYEXECUTION", Boolean.toString(engine != TemporalEngine.Kind.TEST_SERVER)),
        Map.entry("SAGA_SHUTDOWN_GRACEPERIOD", "5s"));
  }

  public TemporalEngine temporal() {
    return temporal;
  }

  public String temporalAddress() {
    return temporal.address();
  }

  public String redisUrl() {
    return redis.url();
  }

  public RedisServerProcess redis() {
    return redis;
  }

  /** The replica the run kills (the second); the first keeps running throughout. */
  public WorkerApp victim() {
    return workers.get(1);
  }

  public List<WorkerApp> workers() {
    return workers;
  }

  @Override
  public void close() {
    workers.forEach(WorkerApp::close);
    redis.close();
    temporal.close();
  }
}
