package org.paysaga.catalog;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The defaults of the configuration (docs/worker-app.md, docs/cli.md), defined once for the worker,
 * the CLI, the client and the tests. Strings where an annotation or a property default needs one.
 */
public final class Defaults {
  public static final String TEMPORAL_ADDRESS = "127.0.0.1:7233";
  public static final String NAMESPACE = "default";
  public static final String TASK_QUEUE = "payment-saga";
  public static final String REDIS_URL = "redis://127.0.0.1:6379";
  /** The prefix of every Redis key: {@code saga:{inflight}}, {@code saga:{dlq}:entries}... */
  public static final String KEY_PREFIX = "saga";
  /** How long a saga's idempotency (and sandbox) records live once it ended. */
  public static final Duration IDEMPOTENCY_TTL = Duration.ofDays(7);

  private Defaults() {}

  /**
   * The local stack's data directory unless {@code SAGA_LOCAL_DATADIR} names one:
   * {@code ${XDG_DATA_HOME:-~/.local/share}/payment-saga/local}.
   */
  public static Path localDataDir(Map<String, String> environment) {
    String configured = environment.get("SAGA_LOCAL_DATADIR");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String xdg = environment.get("XDG_DATA_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("payment-saga").resolve("local");
  }
}
