package org.paysaga.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Assertions on the failures the sandbox services throw. */
final class SandboxFailures {
  private SandboxFailures() {}

  static void assertRefused(ThrowingCallable call, String type) {
    assertFails(call, type, false);
  }

  static void assertUnavailable(ThrowingCallable call, String type) {
    assertFails(call, type, true);
  }

  private static void assertFails(ThrowingCallable call, String type, boolean retryable) {
    assertThatThrownBy(call).isInstanceOfSatisfying(SandboxFailure.class, failure -> {
      assertThat(failure.type()).isEqualTo(type);
      assertThat(failure.retryable()).isEqualTo(retryable);
    });
  }
}
