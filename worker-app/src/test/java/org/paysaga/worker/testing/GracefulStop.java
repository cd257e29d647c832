package org.paysaga.worker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.testing.TestPayments;
import org.paysaga.testsupport.ManagedProcess;

/** The graceful stop of a worker process, as docker stop and Kubernetes ask for it. */
public final class GracefulStop {
  private GracefulStop() {}

  /**
   * SIGTERM while a charge runs (tok_slow_3: 3 s): the worker stops polling, lets the charge
   * finish, and exits 0 within 30 s.
   *
   * @param sandbox the sandbox on the worker's Redis, to see the charge start
   * @return the saga whose charge ran through the stop
   */
  public static String sigtermWhileAChargeRuns(ManagedProcess worker, PaymentSagaClient payments,
      SandboxPaymentServices sandbox) {
    PaymentRequest slow = TestPayments.withCard(SandboxMagicValues.slowCard(3));
    String sagaId = payments.start(slow).sagaId();
    TestPayments.awaitAttempt(sandbox, sagaId, "CallPaymentChannel");
    long signalled = System.nanoTime();
    int exit = worker.stop(Duration.ofSeconds(60));
    String log = worker.log().text();
    assertThat(exit).as(log).isZero();
    int shuttingDown = worker.log().indexOf("Shutting down: workers stop polling");
    int charged = worker.log().indexOf("saga=" + sagaId + " step=CallPaymentChannel attempt=1 reference=");
    int stopped = worker.log().indexOf("Workers stopped cleanly");
    assertThat(shuttingDown).as(log).isNotNegative();
    assertThat(charged).as("the running charge finished after SIGTERM:\n" + log).isGreaterThan(shuttingDown);
    assertThat(stopped).as(log).isGreaterThan(charged);
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(30));
    return sagaId;
  }
}
