package org.paysaga.cli.connect;

import org.paysaga.cli.errors.Endpoints;

/**
 * The connections of one command run, opened on first use (a command that fails on its input
 * touches no network) and closed when the command ends.
 */
public final class Connections implements AutoCloseable {
  private final GlobalOptions options;
  private TemporalConnection temporal;
  private RedisConnection redis;

  public Connections(GlobalOptions options) {
    this.options = options;
  }

  /** Temporal, checked to answer (exit 4 within seconds when it does not). */
  public TemporalConnection temporal() {
    return temporalUnchecked().checkReachable();
  }

  /** Temporal without the reachability check, for commands that may not call it at all. */
  public TemporalConnection temporalUnchecked() {
    if (temporal == null) {
      temporal = TemporalConnection.create(options);
    }
    return temporal;
  }

  public RedisConnection redis() {
    if (redis == null) {
      redis = RedisConnection.open(options);
    }
    return redis;
  }

  /** Where this run connects, for error messages. */
  public static Endpoints endpoints(GlobalOptions options) {
    return new Endpoints(options.temporalAddress(), options.namespace(), RedisConnection.describe(options));
  }

  @Override
  public void close() {
    if (redis != null) {
      redis.close();
      redis = null;
    }
    if (temporal != null) {
      temporal.close();
      temporal = null;
    }
  }
}
