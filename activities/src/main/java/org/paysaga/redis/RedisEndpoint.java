package org.paysaga.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the Redis of {@code REDIS_URL} is and how to talk to it, for the worker and the CLI alike:
 * one {@code redis://} or {@code rediss://} server (TLS; AUTH with {@code [user:]password@} in the
 * URL), a {@code redis-sentinel://} group, or a Redis Cluster: several comma-separated node URLs, or
 * one seed URL with the cluster setting on.
 *
 * @param uris the URL's Lettuce URIs: one, or the cluster's seed nodes
 * @param cluster true for the cluster client
 */
public record RedisEndpoint(List<RedisURI> uris, boolean cluster) {

  private static final List<String> SCHEMES =
      List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-socket");

  /** How the caller names the URL and the cluster switch in messages. */
  public record Settings(String url, String cluster) {
    public static final Settings WORKER = new Settings("REDIS_URL (saga.redis.url)", "saga.redis.cluster");
  }

  /** A setting that cannot be used, with the problem; never echoes a password. */
  public static final class InvalidSettingException extends IllegalArgumentException {
    private final String setting;
    private final String problem;

    InvalidSettingException(String setting, String problem, Throwable cause) {
      super(setting + " " + problem, cause);
      this.setting = setting;
      this.problem = problem;
    }

    public String setting() {
      return setting;
    }

    public String problem() {
      return problem;
    }
  }

  public RedisEndpoint {
    uris = List.copyOf(uris);
  }

  /** With the worker's names for the settings. */
  public static RedisEndpoint parse(String url, boolean clusterRequested) {
    return parse(url, clusterRequested, Settings.WORKER);
  }

  /** @throws InvalidSettingException naming the setting when the URL cannot be used */
  public static RedisEndpoint parse(String url, boolean clusterRequested, Settings settings) {
    if (url == null || url.isBlank()) {
      throw new InvalidSettingException(settings.url(), "is empty", null);
    }
    String trimmed = url.strip();
    String scheme = scheme(trimmed);
    boolean sentinel = scheme.endsWith("-sentinel");
    List<String> parts = new ArrayList<>();
    if (sentinel) {
      parts.add(trimmed); // its own comma-separated host list
    } else {
      for (String part : trimmed.split(",")) {
        String p = part.strip();
        if (!p.isEmpty()) {
          parts.add(p.contains("://") ? p : scheme + "://" + p);
        }
      }
    }
    List<RedisURI> uris = new ArrayList<>();
    for (String part : parts) {
      String partScheme = scheme(part);
      if (!SCHEMES.contains(partScheme)) {
        throw new InvalidSettingException(settings.url(),
            "must start with redis://, rediss:// or redis-sentinel://, not " + partScheme + "://", null);
      }
      RedisURI uri;
      try {
        uri = RedisURI.create(part);
      } catch (RuntimeException e) {
        throw new InvalidSettingException(settings.url(), "'" + redact(part)
            + "' is not a Redis URL such as redis://127.0.0.1:6379 (" + e.getMessage() + ")", e);
      }
      if (uri.getHost() == null && uri.getSentinels().isEmpty() && uri.getSocket() == null) {
        throw new InvalidSettingException(settings.url(), "'" + redact(part) + "' names no host", null);
      }
      uris.add(uri);
    }
    if (uris.isEmpty()) {
      throw new InvalidSettingException(settings.url(), "'" + redact(trimmed) + "' names no Redis", null);
    }
    boolean cluster = clusterRequested || uris.size() > 1;
    if (cluster && sentinel) {
      throw new InvalidSettingException(settings.cluster(), "cannot be used with a redis-sentinel:// URL", null);
    }
    return new RedisEndpoint(uris, cluster);
  }

  /**
   * Sets a username and password given apart from the URL ({@code REDIS_USERNAME},
   * {@code REDIS_PASSWORD}) on every node; blank ones leave the URL's as they are.
   */
  public RedisEndpoint withCredentials(String username, String password) {
    boolean hasUser = username != null && !username.isBlank();
    boolean hasPassword = password != null && !password.isBlank();
    if (!hasUser && !hasPassword) {
      return this;
    }
    for (RedisURI uri : uris) {
      if (hasUser) {
        uri.setUsername(username.strip());
      }
      if (hasPassword) {
        uri.setPassword((CharSequence) password);
      }
    }
    return this;
  }

  public RedisURI first() {
    return uris.get(0);
  }

  public boolean sentinel() {
    return !first().getSentinels().isEmpty();
  }

  public boolean tls() {
    return first().isSsl();
  }

  /** {@code redis://127.0.0.1:6379}, {@code cluster rediss://a:7000,b:7001}...: never the password. */
  public String describe() {
    String nodes;
    if (sentinel()) {
      RedisURI uri = first();
      nodes = (uri.isSsl() ? "rediss-sentinel://" : "redis-sentinel://")
          + uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
              .collect(Collectors.joining(","))
          + " (master " + uri.getSentinelMasterId() + ")";
    } else if (first().getSocket() != null) {
      nodes = "redis-socket://" + first().getSocket();
    } else {
      nodes = uris.stream().map(u -> (u.isSsl() ? "rediss://" : "redis://") + u.getHost() + ":" + u.getPort())
          .collect(Collectors.joining(","));
    }
    boolean auth = uris.stream().anyMatch(u -> u.getPassword() != null && u.getPassword().length > 0);
    return (cluster ? "cluster " : "") + nodes + (auth ? " (AUTH)" : "");
  }

  private static String scheme(String url) {
    int i = url.indexOf("://");
    return i < 0 ? "redis" : url.substring(0, i).toLowerCase(Locale.ROOT);
  }

  /** The URL (or comma-separated URLs) without user info, for messages and logs. */
  public static String redact(String url) {
    return Arrays.stream(url.split(",", -1)).map(RedisEndpoint::redactOne).collect(Collectors.joining(","));
  }

  private static String redactOne(String url) {
    int schemeEnd = url.indexOf("://");
    int at = url.lastIndexOf('@'); // a password may hold '@' itself
    return schemeEnd >= 0 && at > schemeEnd ? url.substring(0, schemeEnd + 3) + "***@" + url.substring(at + 1) : url;
  }
}
