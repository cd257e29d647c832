package org.paysaga.reliability.chaos;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.StepState;

/**
 * A payment's money as the real providers recorded it, in the sandbox's {@link PaymentAudit} so the
 * same {@link PaymentAuditor} judges it: the order and the merchant postings from PostgreSQL, the
 * charges and refunds from the simulator.
 *
 * <p>The providers count no attempts: the audit carries Temporal's own counts, so no attempt counts
 * as lost on the way, and only attempts beyond the path's scripted failures count as taken by the
 * faults (the simulator's random 5xx and lost answers, PostgreSQL or the simulator being down).
 */
final class ProviderRecords implements MoneyRecords {
  private final LedgerRecords ledger;
  private final SimulatorRecords simulator;

  ProviderRecords(LedgerRecords ledger, SimulatorRecords simulator) {
    this.ledger = ledger;
    this.simulator = simulator;
  }

  @Override
  public PaymentAudit audit(PlannedPayment payment, Optional<SagaState> state) {
    String paymentNo = payment.request().paymentNo();
    List<SimulatorRecords.Charge> charges = simulator.chargesOf(payment);
    List<SimulatorRecords.Refund> refunds = simulator.refundsOf(charges);
    LedgerRecords.Postings postings = ledger.postings(paymentNo);
    return new PaymentAudit(payment.sagaId(), ledger.order(paymentNo),
        charges.size(), charges.stream().mapToLong(SimulatorRecords.Charge::amount).sum(),
        refunds.size(), refunds.stream().mapToLong(SimulatorRecords.Refund::amount).sum(),
        postings.credits(), postings.credited(), postings.reversals(), postings.reversed(),
        postings.debited() - postings.creditedBack(), attempts(state), Map.of());
  }

  /** Temporal's attempts per step, forward steps only. */
  static Map<String, Integer> attempts(Optional<SagaState> state) {
    Map<String, Integer> attempts = new LinkedHashMap<>();
    state.ifPresent(saga -> saga.steps().forEach(step -> attempts.put(step.step(), forwardAttempts(step))));
    return attempts;
  }

  private static int forwardAttempts(StepState step) {
    return step.attempts();
  }

  /** Payment numbers in PostgreSQL or at the simulator that no planned payment has. */
  @Override
  public long unknown(List<PlannedPayment> payments) {
    Set<String> known = payments.stream().map(p -> p.request().paymentNo()).collect(Collectors.toSet());
    Set<String> recorded = new HashSet<>(ledger.paymentNos());
    recorded.addAll(simulator.paymentNos());
    Set<String> chargeKeys = payments.stream().map(SimulatorRecords::chargeKey).collect(Collectors.toSet());
    long keyless = simulator.charges().stream()
        .filter(c -> c.paymentNo() == null && !chargeKeys.contains(c.key())).count();
    return recorded.stream().filter(no -> !known.contains(no)).count() + keyless;
  }
}
