package org.paysaga.worker.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The operators' access tokens ({@code saga.access-tokens}): they open the codec server and the
 * health details. Compared in constant time; several while one is rotated out.
 */
public final class AccessTokens {
  private final List<byte[]> tokens;

  public AccessTokens(List<String> tokens) {
    this.tokens = tokens.stream().map(String::strip).filter(t -> !t.isEmpty()).map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
  }

  public boolean isEmpty() {
    return tokens.isEmpty();
  }

  public boolean accepts(String presented) {
    if (presented == null || presented.isEmpty()) {
      return false;
    }
    byte[] bytes = presented.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] token : tokens) {
      match |= MessageDigest.isEqual(token, bytes);
    }
    return match;
  }

  /** The token of an {@code Authorization: Bearer <token>} header, or null. */
  public static String bearer(String authorization) {
    String prefix = "Bearer ";
    return authorization != null && authorization.regionMatches(true, 0, prefix, 0, prefix.length())
        ? authorization.substring(prefix.length()).strip()
        : null;
  }
}
