package org.paysaga.catalog;

import java.time.Duration;

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
}
