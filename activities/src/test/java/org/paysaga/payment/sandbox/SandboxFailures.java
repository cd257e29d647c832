package org.paysaga.payment.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;

/** Assertions on the failures the sandbox services throw: the ports' exceptions. */
final class SandboxFailures {
  private SandboxFailures() {}

  static void assertRefused(ThrowingCallable call, String reason) {
    assertThatThrownBy(call).isInstanceOfSatisfying(ServiceRefusedException.class,
        refusal -> assertThat(refusal.reason()).isEqualTo(reason));
  }

  static void assertUnavailable(ThrowingCallable call) {
    assertThatThrownBy(call).isInstanceOf(ServiceUnavailableException.class);
  }
}
