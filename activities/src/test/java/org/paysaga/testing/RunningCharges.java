package org.paysaga.testing;

import java.util.Arrays;
import org.paysaga.payment.sandbox.SandboxPaymentChannel;

/**
 * Whether a sandbox charge still runs in this JVM. A timed-out attempt goes on in the worker's
 * thread after Temporal gave up on it, and the sandbox records when an attempt starts, not when it
 * ends: the thread is what shows it.
 */
public final class RunningCharges {
  private RunningCharges() {}

  public static boolean none() {
    return Thread.getAllStackTraces().values().stream().noneMatch(frames -> Arrays.stream(frames)
        .anyMatch(frame -> frame.getClassName().equals(SandboxPaymentChannel.class.getName())
            && frame.getMethodName().equals("charge")));
  }
}
