package org.paysaga.reliability.chaos;

import java.util.List;
import org.paysaga.providers.postgres.PostgresLedgerAudit;

/**
 * The run-wide figures of a run on the real providers: the PostgreSQL ledger audited as a whole,
 * the simulator's own counts, and the DLQ entries Redis lost with its data (information: the money
 * of those sagas is judged by Temporal's step records).
 */
final class ProviderFigures {
  private ProviderFigures() {}

  static List<Figure> of(PostgresLedgerAudit.Report ledger, SimulatorRecords simulator, long dlqEntriesLost) {
    return List.of(
        Figure.info("ledger transactions / payments (PostgreSQL)", ledger.transactions() + " ("
            + ledger.voidedKeys() + " voided keys) / " + ledger.payments().size() + "; orders "
            + ledger.ordersByStatus()),
        Figure.count("unbalanced ledger transactions (or without entries)",
            ledger.unbalancedTransactions() + ledger.postingsWithoutEntries(), 0),
        Figure.count("payments whose ledger is inconsistent", ledger.inconsistentPayments().size(), 0),
        Figure.count("ledger effects there twice (keys, undos, credits)",
            ledger.duplicateKeys() + ledger.undoneTwice() + ledger.creditsPerPaymentOverOne(), 0),
        Figure.count("over-refunds at the ledger", ledger.overRefunded(), 0),
        Figure.info("simulator charges / refunds", simulator.charges().size() + " / " + simulator.refunds().size()),
        Figure.count("double charges at the simulator", simulator.doubleChargedPayments(), 0),
        Figure.count("over-refunds at the simulator", simulator.overRefundedCharges(), 0),
        Figure.info("DLQ entries lost with Redis's data", Long.toString(dlqEntriesLost)));
  }
}
