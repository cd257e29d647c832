package org.paysaga.local;

import io.lettuce.core.RedisURI;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.paysaga.local.EndpointProbe.Answer;
import org.paysaga.local.EndpointProbe.Result;
import org.paysaga.local.LocalProperties.Engine;
import org.paysaga.redis.RedisEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's Temporal and Redis: for each, where the configuration points
 * ({@code TEMPORAL_ADDRESS}, {@code REDIS_URL}), the server that already answers there, or else one
 * started on that loopback address: for Temporal the dev server (the real server) when a
 * {@code temporal} CLI is found, else Temporal's Java test server in this process; for Redis the
 * embedded redis-server. A port held by anything else is a startup error that says so.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
  static final int TEMPORAL_DEFAULT_PORT = 7233;

  /** How the worker came by a server. */
  public enum Origin {
    /** Temporal's dev server (the real server, SQLite), started by this worker as a child process. */
    DEV_SERVER,
    /** Started here, in this process (Temporal's Java test server in memory; redis-server). */
    EMBEDDED,
    /** Answered at the configured address before the worker started. */
    EXISTING,
    /** Not probed (TLS, sentinel or cluster): used as configured. */
    AS_CONFIGURED
  }

  /**
   * One server of the stack as the startup log reports it.
   *
   * @param uiUrl the Temporal UI of a dev server started here, else null
   * @param storage where a server started here keeps its data ("in memory", a file), else null
   * @param javaTestServer true for Temporal's Java test server, started here or found there
   */
  public record Service(String address, Origin origin, String uiUrl, String storage, boolean javaTestServer) {
    public String describe() {
      String how = switch (origin) {
        case DEV_SERVER -> "Temporal dev server started by this worker";
        case EMBEDDED -> "embedded in this process";
        case EXISTING -> "already running there; used as is";
        case AS_CONFIGURED -> "as configured";
      };
      return address + " (" + how + (storage == null ? "" : ", " + storage) + ")";
    }
  }

  private final Service temporal;
  private final Service redis;
  private final LocalServer temporalServer;
  private final LocalRedisServer redisServer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalStack(Service temporal, LocalServer temporalServer, Service redis, LocalRedisServer redisServer) {
    this.temporal = temporal;
    this.temporalServer = temporalServer;
    this.redis = redis;
    this.redisServer = redisServer;
  }

  public Service temporal() {
    return temporal;
  }

  public Service redis() {
    return redis;
  }

  /**
   * @param temporalTarget {@code spring.temporal.connection.target} (from {@code TEMPORAL_ADDRESS})
   * @param temporalTls true when TLS, mTLS or an API key is configured for Temporal: then the
   *     address is used as configured, never started here
   * @param namespace the workers' namespace, created by a dev server started here
   * @param environment where the {@code temporal} CLI is looked for ({@code PATH}, the cache variables)
   * @param uiCodecEndpoint the worker's codec server for the UI of a dev server started here, or null
   */
  public static LocalStack start(String temporalTarget, boolean temporalTls, String namespace,
      RedisEndpoint redisEndpoint, LocalProperties settings, Map<String, String> environment, String uiCodecEndpoint) {
    LocalServer temporalServer = null;
    Service temporal;
    Path dataDir = null;
    if (temporalTls) {
      temporal = new Service(temporalTarget, Origin.AS_CONFIGURED, null, null, false);
      log.info("Temporal: {} is configured with TLS; the local stack uses it as configured", temporalTarget);
    } else {
      HostPort at = HostPort.parse(temporalTarget, TEMPORAL_DEFAULT_PORT, "TEMPORAL_ADDRESS");
      Result probe = EndpointProbe.temporal(at.host(), at.port());
      if (probe.answer() == Answer.EXPECTED) {
        boolean javaTestServer = probe.serverVersion().isEmpty();
        if (javaTestServer) {
          LocalTemporalServer.registerSearchAttributes(at.toString(), namespace);
        }
        temporal = new Service(at.toString(), Origin.EXISTING, null, null, javaTestServer);
        log.info("Temporal: {} already answers at {}; using it (none started)",
            javaTestServer ? "Temporal's Java test server" : "a Temporal server " + probe.serverVersion(), at);
      } else if (probe.answer() == Answer.SOMETHING_ELSE) {
        throw new LocalStackException("TEMPORAL_ADDRESS " + at + " is held by something that is not a Temporal"
            + " server: " + probe.detail() + ".",
            "Stop what listens on port " + at.port() + ", or point TEMPORAL_ADDRESS at a free loopback port,"
                + " e.g. TEMPORAL_ADDRESS=127.0.0.1:" + (at.port() + 1) + ".");
      } else {
        requireLoopback(at, "TEMPORAL_ADDRESS", "Temporal");
        Optional<Path> cli = settings.engine() == Engine.TEST_SERVER ? Optional.empty()
            : TemporalCli.locate(settings.temporalCli(), environment);
        if (cli.isPresent()) {
          dataDir = settings.dataDirOrDefault();
          LocalDevServer devServer = LocalDevServer.start(cli.get(), at.host(), at.port(), namespace, dataDir,
              uiCodecEndpoint);
          temporalServer = devServer;
          temporal = new Service(at.toString(), Origin.DEV_SERVER, devServer.uiUrl(),
              "SQLite " + devServer.database(), false);
          log.info("Temporal: started the Temporal dev server ({}) on {}, SQLite {}", cli.get(), at, devServer.database());
          log.info("Temporal UI: {}", devServer.uiUrl());
        } else if (settings.engine() == Engine.DEV_SERVER) {
          throw new LocalStackException("saga.local.engine is dev-server, but no temporal CLI was found (PATH, "
              + TemporalCli.cacheDir(environment) + ").",
              "Run scripts/temporal.sh install, or set saga.local.temporal-cli (SAGA_LOCAL_TEMPORALCLI).");
        } else {
          temporalServer = LocalTemporalServer.start(at.host(), at.port(), namespace);
          temporal = new Service(at.toString(), Origin.EMBEDDED, null, "in memory", true);
          log.info("Temporal: started Temporal's Java test server on {} (in memory, real time). It has no UI and"
              + " no visibility: scripts/temporal.sh install builds the real dev server, used from the next start", at);
        }
      }
    }
    try {
      LocalRedisServer redisServer = null;
      Service redis;
      RedisURI uri = redisEndpoint.first();
      if (redisEndpoint.cluster() || redisEndpoint.sentinel() || redisEndpoint.tls() || uri.getSocket() != null) {
        redis = new Service(redisEndpoint.describe(), Origin.AS_CONFIGURED, null, null, false);
        log.info("Redis: {} is not a plain redis:// server; the local stack uses it as configured",
            redisEndpoint.describe());
      } else {
        HostPort at = new HostPort(uri.getHost(), uri.getPort());
        Result probe = EndpointProbe.redis(at.host(), at.port());
        if (probe.answer() == Answer.EXPECTED) {
          redis = new Service("redis://" + at, Origin.EXISTING, null, null, false);
          log.info("Redis: a Redis already answers at {}; using it (no embedded redis-server started)", at);
        } else if (probe.answer() == Answer.SOMETHING_ELSE) {
          throw new LocalStackException("REDIS_URL " + redisEndpoint.describe() + " is held by something that is"
              + " not Redis: " + probe.detail() + ".",
              "Stop what listens on port " + at.port() + ", or point REDIS_URL at a free loopback port,"
                  + " e.g. REDIS_URL=redis://127.0.0.1:" + (at.port() + 1) + ".");
        } else {
          requireLoopback(at, "REDIS_URL", "Redis");
          // Beside a dev server that keeps its sagas, Redis keeps their barrier, sandbox and DLQ too.
          Path redisDir = dataDir == null ? null : dataDir.resolve("redis-" + at.port());
          redisServer = LocalRedisServer.start(at.host(), at.port(), redisDir);
          redis = new Service("redis://" + at, Origin.EMBEDDED, null,
              redisDir == null ? "in memory" : "append-only file in " + redisDir, false);
          log.info("Redis: started the embedded redis-server on {} ({})", at, redis.storage());
        }
      }
      return new LocalStack(temporal, temporalServer, redis, redisServer);
    } catch (RuntimeException e) {
      closeQuietly(temporalServer);
      throw e;
    }
  }

  private static void requireLoopback(HostPort at, String variable, String what) {
    boolean loopback;
    try {
      loopback = InetAddress.getByName(at.host()).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new LocalStackException("Nothing answers at " + variable + " " + at + ", and the local stack starts its"
          + " embedded " + what + " on a loopback address only.",
          "Start " + what + " at " + at + ", or point " + variable + " at a loopback address (127.0.0.1).");
    }
  }

  /**
   * Stops the embedded servers (after the workers and connections, which depend on this bean);
   * once: a failed start may close the stack after the context did.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (redisServer != null) {
      redisServer.close();
    }
    closeQuietly(temporalServer);
  }

  private static void closeQuietly(LocalServer server) {
    if (server != null) {
      server.close();
    }
  }

  record HostPort(String host, int port) {
    static HostPort parse(String target, int defaultPort, String variable) {
      String t = target == null ? "" : target.strip();
      if (t.contains("://")) {
        t = t.substring(t.indexOf("://") + 3);
      }
      String host = t;
      int port = defaultPort;
      if (t.startsWith("[")) { // [::1]:7233
        int end = t.indexOf(']');
        host = t.substring(1, end);
        if (t.length() > end + 2 && t.charAt(end + 1) == ':') {
          port = parsePort(t.substring(end + 2), target, variable);
        }
      } else if (t.indexOf(':') >= 0 && t.indexOf(':') == t.lastIndexOf(':')) {
        host = t.substring(0, t.indexOf(':'));
        port = parsePort(t.substring(t.indexOf(':') + 1), target, variable);
      }
      if (host.isBlank()) {
        throw new LocalStackException(variable + " '" + target + "' names no host.",
            "Set " + variable + " to host:port, e.g. 127.0.0.1:" + defaultPort + ".");
      }
      return new HostPort(host, port);
    }

    private static int parsePort(String port, String target, String variable) {
      try {
        int p = Integer.parseInt(port);
        if (p > 0 && p < 65536) {
          return p;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new LocalStackException(variable + " '" + target + "' has no valid port.",
          "Set " + variable + " to host:port, e.g. 127.0.0.1:7233.");
    }

    @Override
    public String toString() {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
  }
}
