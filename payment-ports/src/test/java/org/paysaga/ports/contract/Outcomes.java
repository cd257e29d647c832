package org.paysaga.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.paysaga.ports.ServiceRefusedException;

/** Assertions and a race starter shared by the contract suites (and adapters' own tests). */
public final class Outcomes {
  private Outcomes() {}

  /** The call is refused with exactly this reason. */
  public static void assertRefused(ThrowingCallable call, String reason) {
    ServiceRefusedException refusal = catchThrowableOfType(ServiceRefusedException.class, call);
    assertThat(refusal).as("refusal %s", reason).isNotNull();
    assertThat(refusal.reason()).isEqualTo(reason);
  }

  /** Runs the calls at once (released together) and returns each one's result or exception. */
  public static List<Object> race(List<Callable<?>> calls) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (Callable<?> call : calls) {
        futures.add(pool.submit(() -> {
          start.await();
          return call.call();
        }));
      }
      start.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<?> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (java.util.concurrent.ExecutionException e) {
          outcomes.add(e.getCause());
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
