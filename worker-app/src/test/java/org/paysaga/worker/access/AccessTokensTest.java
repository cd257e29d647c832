package org.paysaga.worker.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The operators' tokens: what counts as shown, and what never does. */
class AccessTokensTest {

  @Test
  void acceptsEachConfiguredTokenAndNothingElse() {
    AccessTokens tokens = new AccessTokens(List.of(" current-token ", "", "old-token"));
    assertThat(tokens.isEmpty()).isFalse();
    assertThat(tokens.accepts("current-token")).isTrue();
    assertThat(tokens.accepts("old-token")).isTrue();
    assertThat(tokens.accepts("current-toke")).isFalse();
    assertThat(tokens.accepts("current-token2")).isFalse();
    assertThat(tokens.accepts("")).as("a blank entry is no token").isFalse();
    assertThat(tokens.accepts(null)).isFalse();
  }

  @Test
  void noTokensAcceptNothing() {
    AccessTokens none = new AccessTokens(List.of("", "  "));
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.accepts("")).isFalse();
    assertThat(none.accepts("anything")).isFalse();
  }

  @Test
  void theBearerTokenOfAnAuthorizationHeader() {
    assertThat(AccessTokens.bearer("Bearer abc")).isEqualTo("abc");
    assertThat(AccessTokens.bearer("bearer  abc ")).isEqualTo("abc");
    assertThat(AccessTokens.bearer("Basic abc")).isNull();
    assertThat(AccessTokens.bearer("Bearerabc")).isNull();
    assertThat(AccessTokens.bearer(null)).isNull();
  }
}
