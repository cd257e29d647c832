package org.paysaga.reliability.chaos;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.paysaga.reliability.stack.RedisServerProcess;
import org.paysaga.reliability.stack.TemporalTestServerProcess;
import org.paysaga.reliability.stack.WorkerAppReplica;

/**
 * The processes of a chaos run, all on loopback: Temporal's standalone test server, a
 * {@code redis-server} with append-only persistence, and two replicas of the worker app's jar in
 * its default profile with short timeouts and recovery intervals.
 */
public final class ChaosStack implements AutoCloseable {
  /** Charge attempts time out after 3 s; the slow path's charge takes longer. */
  static final int CHANNEL_TIMEOUT_SECONDS = 3;
  static final int SLOW_CHARGE_SECONDS = CHANNEL_TIMEOUT_SECONDS + 2;
  /** A killed worker stays down this long before it is started again. */
  static final Duration WORKER_RESTART_DELAY = Duration.ofSeconds(5);

  private final TemporalTestServerProcess temporal;
  private final RedisServerProcess redis;
  private final List<WorkerAppReplica> workers;

  private ChaosStack(TemporalTestServerProcess temporal, RedisServerProcess redis, List<WorkerAppReplica> workers) {
    this.temporal = temporal;
    this.redis = redis;
    this.workers = workers;
  }

  public static ChaosStack start(Path workDir, Path workerJar, String redisServer) {
    TemporalTestServerProcess temporal = TemporalTestServerProcess.start(workDir, "1g");
    RedisServerProcess redis = null;
    try {
      redis = RedisServerProcess.start(redisServer, workDir.resolve("redis-data"), workDir, true);
      List<WorkerAppReplica> workers = List.of(
          WorkerAppReplica.create("worker-1", workerJar, "384m", temporal.address(), redis.url(), workerSettings(), workDir),
          WorkerAppReplica.create("worker-2", workerJar, "384m", temporal.address(), redis.url(), workerSettings(), workDir));
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

  /**
   * Short timeouts and recovery so a run ends in minutes: a step attempt lost with a killed worker
   * is retried after 5 s, a refund outage gets a recovery round every 3 s for a minute, then parks.
   * No sticky execution: the Java test server cannot move a killed worker's sticky tasks.
   */
  static Map<String, String> workerSettings() {
    return Map.ofEntries(
        Map.entry("SAGA_STEPS_CREATEORDER_STARTTOCLOSE", "5s"),
        Map.entry("SAGA_STEPS_CALLPAYMENTCHANNEL_STARTTOCLOSE", CHANNEL_TIMEOUT_SECONDS + "s"),
        Map.entry("SAGA_STEPS_CREDITMERCHANT_STARTTOCLOSE", "5s"),
        Map.entry("SAGA_STEPS_COMPLETEORDER_STARTTOCLOSE", "5s"),
        Map.entry("SAGA_RECOVERY_INTERVAL", "3s"),
        Map.entry("SAGA_RECOVERY_GIVEUPAFTER", "60s"),
        Map.entry("SAGA_SWEEPER_INTERVAL", "15s"),
        Map.entry("SAGA_STICKYEXECUTION", "false"),
        Map.entry("SAGA_SHUTDOWN_GRACEPERIOD", "5s"));
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
  public WorkerAppReplica victim() {
    return workers.get(1);
  }

  public List<WorkerAppReplica> workers() {
    return workers;
  }

  @Override
  public void close() {
    workers.forEach(WorkerAppReplica::close);
    redis.close();
    temporal.close();
  }
}
