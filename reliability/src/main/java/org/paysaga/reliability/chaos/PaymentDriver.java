package org.paysaga.reliability.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.saga.SagaStart;
import org.paysaga.testsupport.Waits;

/**
 * Starts the planned payments through {@link PaymentSagaClient}, as service code would, at a steady
 * rate, and hands each fault to the injector when its payment is reached.
 */
final class PaymentDriver {
  /** Waits of 1, 2 ... 8 s: a start outlasts a Temporal restart of half a minute, as a gateway would. */
  private static final int START_ATTEMPTS = 8;

  private final PaymentSagaClient client;
  private final double perSecond;
  private final Consumer<String> log;

  PaymentDriver(PaymentSagaClient client, double perSecond, Consumer<String> log) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive, was " + perSecond);
    }
    this.client = client;
    this.perSecond = perSecond;
    this.log = log;
  }

  /** Starts every payment; returns the ones that could not be started (with why). */
  List<String> run(List<PlannedPayment> payments, List<Fault> faults, FaultInjector injector) {
    Map<Integer, List<Fault>> faultsAt = faults.stream().collect(Collectors.groupingBy(Fault::atPayment));
    List<String> notStarted = new ArrayList<>();
    long begin = System.nanoTime();
    for (PlannedPayment payment : payments) {
      faultsAt.getOrDefault(payment.index(), List.of()).forEach(injector::inject);
      long due = begin + (long) (payment.index() * 1_000_000_000L / perSecond);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Waits.pause(Duration.ofNanos(wait));
      }
      String error = start(payment);
      if (error != null) {
        notStarted.add(payment.request().paymentNo() + ": " + error);
      }
      if ((payment.index() + 1) % 100 == 0) {
        log.accept("started " + (payment.index() + 1) + " of " + payments.size());
      }
    }
    return notStarted;
  }

  /** One start, retried: a start that fails must not be mistaken for a lost payment. */
  private String start(PlannedPayment payment) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      try {
        SagaStart start = client.start(payment.request());
        // A retried start after a lost reply finds the saga it started: same ID, not started again.
        return start.sagaId().equals(payment.sagaId()) ? null : "started " + start.sagaId();
      } catch (RuntimeException e) {
        last = e;
        Waits.pause(Duration.ofSeconds(attempt));
      }
    }
    return last.toString();
  }
}
