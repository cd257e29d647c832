package org.paysaga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The worker app's jar as a process, started as an operator starts it: pointed at a Temporal and a
 * Redis through its environment, its management port on a free port, healthy once
 * {@code /actuator/health} answers 200 (Temporal and Redis reached).
 */
public final class WorkerApp implements AutoCloseable {
  /** A JVM's start, Spring's context and the first connections, on a busy 2-core machine. */
  public static final Duration STARTUP = Duration.ofSeconds(120);
  /** The worker lets running activities finish (SAGA_SHUTDOWN_GRACEPERIOD) before it exits. */
  private static final Duration SHUTDOWN = Duration.ofSeconds(40);

  private final ManagedProcess process;
  private final String temporalAddress;
  private final String redisUrl;
  private final int managementPort;

  private WorkerApp(ManagedProcess process, String temporalAddress, String redisUrl, int managementPort) {
    this.process = process;
    this.temporalAddress = temporalAddress;
    this.redisUrl = redisUrl;
    this.managementPort = managementPort;
  }

  /** A worker whose log is {@code <logDir>/<name>.log}. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  public ManagedProcess process() {
    return process;
  }

  public String temporalAddress() {
    return temporalAddress;
  }

  public String redisUrl() {
    return redisUrl;
  }

  public int managementPort() {
    return managementPort;
  }

  public String healthUrl() {
    return "http://127.0.0.1:" + managementPort + "/actuator/health";
  }

  public String metricsUrl() {
    return "http://127.0.0.1:" + managementPort + "/actuator/prometheus";
  }

  /** Starts it (again, after a kill or a stop) and waits until it is healthy. */
  public WorkerApp startAndAwaitHealthy() {
    process.start();
    process.awaitHttpOk(healthUrl(), STARTUP);
    return this;
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.stop(SHUTDOWN);
    }
  }

  public static final class Builder {
    private final String name;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path jar;
    private String heap;
    private String temporalAddress;
    private String redisUrl;
    private boolean localStack;
    private Path logDir = Path.of("target", "processes");

    private Builder(String name) {
      this.name = name;
    }

    /** Default: the one the build packaged ({@link ProjectJars#workerApp()}). */
    public Builder jar(Path workerJar) {
      this.jar = workerJar;
      return this;
    }

    /** {@code -Xmx}, e.g. {@code 384m}; default: the JVM's. */
    public Builder heap(String maxHeap) {
      this.heap = maxHeap;
      return this;
    }

    /** Default: a free loopback port, where the local stack starts its own Temporal. */
    public Builder temporal(String address) {
      this.temporalAddress = address;
      return this;
    }

    /** Default: a free loopback port, where the local stack starts its own Redis. */
    public Builder redis(String url) {
      this.redisUrl = url;
      return this;
    }

    /** {@code SAGA_*} and other environment variables (timeouts, recovery, sweeps...). */
    public Builder settings(Map<String, String> environment) {
      settings.putAll(environment);
      return this;
    }

    /**
     * The worker with its local stack ({@code saga-local.jar}, unless {@link #jar} names another),
     * its data (dev server SQLite, Redis AOF) in a fresh directory under the log directory, so
     * nothing of a run outlives {@code target/}.
     */
    public Builder localStack() {
      this.localStack = true;
      return this;
    }

    public Builder logDir(Path dir) {
      this.logDir = dir;
      return this;
    }

    /** The worker, not started yet. */
    public WorkerApp build() {
      int[] ports = FreePorts.distinct(3);
      String temporal = temporalAddress != null ? temporalAddress : "127.0.0.1:" + ports[0];
      String redis = redisUrl != null ? redisUrl : "redis://127.0.0.1:" + ports[1];
      ProcessSpec spec = ProcessSpec.java(name);
      if (heap != null) {
        spec.args("-Xmx" + heap);
      }
      Path defaultJar = localStack ? ProjectJars.sagaLocal() : ProjectJars.workerApp();
      spec.args("-jar", (jar != null ? ProjectJars.packaged(jar) : defaultJar).toString());
      if (localStack) {
        spec.env("SAGA_LOCAL_DATADIR", localDataDir().toString());
      }
      spec.env(TestPayloadKeys.VARIABLE, TestPayloadKeys.KEYS)
          .env(TestPayloadKeys.ACCESS_TOKENS_VARIABLE, TestPayloadKeys.OPERATOR_TOKEN)
          .env(settings)
          .env("TEMPORAL_ADDRESS", temporal)
          .env("REDIS_URL", redis)
          .env("MANAGEMENT_SERVER_PORT", Integer.toString(ports[2]))
          .log(logDir.resolve(name + ".log"));
      return new WorkerApp(spec.create(), temporal, redis, ports[2]);
    }

    private Path localDataDir() {
      try {
        Files.createDirectories(logDir);
        return Files.createTempDirectory(logDir, name + "-data-").toAbsolutePath();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a data directory in " + logDir, e);
      }
    }
  }
}
