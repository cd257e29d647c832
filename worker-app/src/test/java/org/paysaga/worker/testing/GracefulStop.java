package org.paysaga.worker.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.testing.TestPayments;

/** The graceful stop of a worker process, as docker stop and Kubernetes ask for it. */
public final class GracefulStop {
  private GracefulStop() {}

  /**
   * SIGTERM while a charge runs (tok_slow_3: 3 s): the worker stops polling, lets the charge
   * finish, and exits 0 within 30 s.
   *
   * @return the saga whose charge ran through the stop
   */
  public static String sigtermWhileAChargeRuns(WorkerProcess worker, PaymentSagaClient payments)
      throws InterruptedException {
    PaymentRequest slow = TestPayments.withCard(SandboxMagicValues.slowCard(3));
    String sagaId = payments.start(slow).sagaId();
    worker.awaitLine("saga=" + sagaId + " step=CreateOrder attempt=1 outcome=", Duration.ofSeconds(30));
    Thread.sleep(500);
    long signalled = System.nanoTime();
    int exit = worker.terminate(Duration.ofSeconds(60));
    assertThat(exit).as(worker.log()).isZero();
    int shuttingDown = worker.indexOf("Shutting down: workers stop polling");
    int charged = worker.indexOf("saga=" + sagaId + " step=CallPaymentChannel attempt=1 outcome=");
    int stopped = worker.indexOf("Workers stopped cleanly");
    assertThat(shuttingDown).as(worker.log()).isNotNegative();
    assertThat(charged).as("the running charge finished after SIGTERM:\n" + worker.log()).isGreaterThan(shuttingDown);
    assertThat(stopped).as(worker.log()).isGreaterThan(charged);
    assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(30));
    return sagaId;
  }
}
