package org.paysaga.worker.redis;

import io.lettuce.core.RedisURI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where the Redis of {@code REDIS_URL} is and how to talk to it: one {@code redis://} or
 * {@code rediss://} server (TLS; AUTH with {@code [user:]password@} in the URL), a
 * {@code redis-sentinel://} group, or a Redis Cluster: several comma-separated node URLs, or one
 * seed URL with {@code saga.redis.cluster=true}.
 *
 * @param uris the URL's Lettuce URIs: one, or the cluster's seed nodes
 * @param cluster true for the cluster client
 */
public record RedisEndpoint(List<RedisURI> uris, boolean cluster) {

  public RedisEndpoint {
    uris = List.copyOf(uris);
    if (uris.isEmpty()) {
      throw new IllegalArgumentException("REDIS_URL (saga.redis.url) names no Redis");
    }
  }

  /**
   * @throws IllegalArgumentException naming {@code REDIS_URL} (never echoing a password) when the
   *     URL cannot be used
   */
  public static RedisEndpoint parse(String url, boolean clusterRequested) {
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("REDIS_URL (saga.redis.url) is empty");
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
      if (!List.of("redis", "rediss", "redis-sentinel", "rediss-sentinel", "redis-socket").contains(partScheme)) {
        throw new IllegalArgumentException("REDIS_URL (saga.redis.url) must start with redis://, rediss://"
            + " or redis-sentinel://, not " + partScheme + "://");
      }
      try {
        RedisURI uri = RedisURI.create(part);
        if (uri.getHost() == null && uri.getSentinels().isEmpty() && uri.getSocket() == null) {
          throw new IllegalArgumentException("no host");
        }
        uris.add(uri);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("REDIS_URL (saga.redis.url) is not a Redis URL ("
            + redact(part) + "): " + e.getMessage(), e);
      }
    }
    boolean cluster = clusterRequested || uris.size() > 1;
    if (cluster && sentinel) {
      throw new IllegalArgumentException(
          "REDIS_URL (saga.redis.url) names a sentinel group; saga.redis.cluster must be false for it");
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

  /** The URL without its user info, for messages. */
  static String redact(String url) {
    int schemeEnd = url.indexOf("://");
    int at = url.lastIndexOf('@');
    if (schemeEnd >= 0 && at > schemeEnd) {
      return url.substring(0, schemeEnd + 3) + "***@" + url.substring(at + 1);
    }
    return url;
  }
}
