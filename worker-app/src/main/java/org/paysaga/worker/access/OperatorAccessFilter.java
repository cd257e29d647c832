package org.paysaga.worker.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A request that shows an operator's access token ({@code Authorization: Bearer <token>}) runs as
 * the principal {@value #PRINCIPAL}: the actuator shows health details to it only
 * ({@code management.endpoint.health.show-details: when-authorized}), as it would to a user Spring
 * Security authenticated. Anything else runs anonymous; nothing is refused here.
 */
public final class OperatorAccessFilter extends OncePerRequestFilter {
  public static final String PRINCIPAL = "saga-operator";
  private static final Principal OPERATOR = () -> PRINCIPAL;

  private final AccessTokens tokens;

  public OperatorAccessFilter(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!tokens.accepts(AccessTokens.bearer(request.getHeader(HttpHeaders.AUTHORIZATION)))) {
      chain.doFilter(request, response);
      return;
    }
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public Principal getUserPrincipal() {
        return OPERATOR;
      }

      @Override
      public String getRemoteUser() {
        return PRINCIPAL;
      }

      @Override
      public boolean isUserInRole(String role) {
        return true;
      }
    }, response);
  }
}
