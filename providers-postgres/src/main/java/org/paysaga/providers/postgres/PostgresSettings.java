package org.paysaga.providers.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How the postgres providers reach their database: immutable, built with {@link #builder()} and
 * validated by {@link Builder#build()} (each message names the setting). The password never
 * appears in {@link #toString()}.
 */
public final class PostgresSettings {
  public static final int DEFAULT_POOL_SIZE = 10;
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);
  /** HikariCP's floor. */
  public static final Duration MIN_CONNECTION_TIMEOUT = Duration.ofMillis(250);
  public static final int MAX_POOL_SIZE = 200;

  private final String jdbcUrl;
  private final String username;
  private final String password;
  private final int poolSize;
  private final Duration connectionTimeout;

  private PostgresSettings(Builder builder) {
    this.jdbcUrl = builder.jdbcUrl;
    this.username = builder.username;
    this.password = builder.password;
    this.poolSize = builder.poolSize;
    this.connectionTimeout = builder.connectionTimeout;
  }

  public static Builder builder() {
    return new Builder();
  }

  public String jdbcUrl() {
    return jdbcUrl;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public int poolSize() {
    return poolSize;
  }

  public Duration connectionTimeout() {
    return connectionTimeout;
  }

  /** A builder holding these settings, to change one of them. */
  public Builder toBuilder() {
    return new Builder().jdbcUrl(jdbcUrl).username(username).password(password).poolSize(poolSize)
        .connectionTimeout(connectionTimeout);
  }

  @Override
  public String toString() {
    return "PostgresSettings[jdbcUrl=" + jdbcUrl + ", username=" + username + ", password="
        + (password.isEmpty() ? "(none)" : "****") + ", poolSize=" + poolSize + ", connectionTimeout="
        + connectionTimeout + "]";
  }

  public static final class Builder {
    private String jdbcUrl;
    private String username;
    private String password = "";
    private int poolSize = DEFAULT_POOL_SIZE;
    private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;

    private Builder() {}

    /** {@code jdbc:postgresql://host[:port]/database[?parameters]}; required. */
    public Builder jdbcUrl(String value) {
      this.jdbcUrl = value;
      return this;
    }

    /** Required. */
    public Builder username(String value) {
      this.username = value;
      return this;
    }

    /** Empty (the default) for trust or peer authentication. */
    public Builder password(String value) {
      this.password = value;
      return this;
    }

    /** Connections kept in the pool, 1 to {@value PostgresSettings#MAX_POOL_SIZE}; default {@value PostgresSettings#DEFAULT_POOL_SIZE}. */
    public Builder poolSize(int value) {
      this.poolSize = value;
      return this;
    }

    /** How long a call waits for a pooled connection before it is unavailable; default 5 s, at least 250 ms. */
    public Builder connectionTimeout(Duration value) {
      this.connectionTimeout = value;
      return this;
    }

    public PostgresSettings build() {
      if (jdbcUrl == null || jdbcUrl.isBlank()) {
        throw new IllegalArgumentException("jdbcUrl is required (jdbc:postgresql://host:port/database)");
      }
      if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("jdbcUrl must start with jdbc:postgresql: (got " + withoutQuery(jdbcUrl)
            + ")");
      }
      if (username == null || username.isBlank()) {
        throw new IllegalArgumentException("username is required");
      }
      Objects.requireNonNull(password, "password must not be null (empty for none)");
      if (poolSize < 1 || poolSize > MAX_POOL_SIZE) {
        throw new IllegalArgumentException("poolSize must be between 1 and " + MAX_POOL_SIZE + " (got " + poolSize
            + ")");
      }
      if (connectionTimeout == null || connectionTimeout.compareTo(MIN_CONNECTION_TIMEOUT) < 0) {
        throw new IllegalArgumentException("connectionTimeout must be at least " + MIN_CONNECTION_TIMEOUT.toMillis()
            + " ms (got " + connectionTimeout + ")");
      }
      return new PostgresSettings(this);
    }

    /** A URL's parameters may hold a password: messages show the URL without them. */
    private static String withoutQuery(String url) {
      int query = url.indexOf('?');
      return query < 0 ? url : url.substring(0, query) + "?...";
    }
  }
}
