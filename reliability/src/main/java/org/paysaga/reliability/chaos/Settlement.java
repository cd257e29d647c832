package org.paysaga.reliability.chaos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testsupport.Waits;

/**
 * Waits until every saga has ended or parked in the DLQ (then it waits for an operator, which this
 * run never is), reading each through Temporal the way the CLI does.
 */
final class Settlement {
  private static final Set<SagaStatus> SETTLED =
      EnumSet.of(SagaStatus.COMPLETED, SagaStatus.COMPENSATED, SagaStatus.DLQ, SagaStatus.FAILED, SagaStatus.RESOLVED);

  private final SagaReader reader;
  private final Consumer<String> log;

  Settlement(SagaReader reader, Consumer<String> log) {
    this.reader = reader;
    this.log = log;
  }

  /** The payments still unsettled when the timeout ran out (empty when all settled). */
  List<PlannedPayment> await(List<PlannedPayment> payments, Duration timeout) {
    List<PlannedPayment> open = new ArrayList<>(payments);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!open.isEmpty()) {
      open.removeIf(this::settled);
      if (open.isEmpty() || System.nanoTime() > deadline) {
        break;
      }
      log.accept(open.size() + " sagas still open, e.g. " + open.get(0).sagaId());
      Waits.pause(Duration.ofSeconds(3));
    }
    return open;
  }

  private boolean settled(PlannedPayment payment) {
    try {
      return SETTLED.contains(reader.read(payment.sagaId()).status());
    } catch (RuntimeException e) {
      // Not found yet, or a query that no worker answered in time: look again next round.
      return false;
    }
  }
}
