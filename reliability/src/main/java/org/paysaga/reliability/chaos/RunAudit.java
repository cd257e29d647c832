package org.paysaga.reliability.chaos;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.DlqEntry;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.SagaNotFoundException;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaState;
import org.paysaga.testsupport.Waits;

/**
 * Audits every planned payment, and the run's Redis as a whole, once the sagas have settled: the
 * money from the sandbox's Redis (by default) or from the real providers.
 */
final class RunAudit {
  private final SagaReader reader;
  private final RedisClusterCommands<String, String> redis;
  private final MoneyRecords money;
  private final long dlqLostUntilMillis;
  private final DlqStore dlq;
  private final InflightRegistry inflight;
  private long dlqEntriesLost;

  RunAudit(SagaReader reader, RedisClusterCommands<String, String> redis) {
    this(reader, redis, null, PaymentAuditor.NO_DLQ_LOSS);
  }

  /**
   * @param money the providers' records, {@code null} for the sandbox's in this Redis
   * @param dlqLostUntilMillis Redis lost its data then: a saga parked before it may have lost its DLQ
   *     entry ({@link PaymentAuditor#NO_DLQ_LOSS} when Redis kept everything)
   */
  RunAudit(SagaReader reader, RedisClusterCommands<String, String> redis, MoneyRecords money, long dlqLostUntilMillis) {
    this.reader = reader;
    this.redis = redis;
    this.money = money != null ? money : new SandboxRecords(new SandboxPaymentServices(redis));
    this.dlqLostUntilMillis = dlqLostUntilMillis;
    this.dlq = new DlqStore(redis, SagaKeyspace.DEFAULT);
    this.inflight = new InflightRegistry(redis, SagaKeyspace.DEFAULT);
  }

  List<Verdict> verdicts(List<PlannedPayment> payments) {
    List<Verdict> verdicts = new ArrayList<>(payments.size());
    dlqEntriesLost = 0;
    for (PlannedPayment payment : payments) {
      Optional<SagaState> state;
      try {
        state = state(payment);
      } catch (RuntimeException e) {
        verdicts.add(new Verdict(payment, null, -1, null, money.audit(payment, Optional.empty()), 0,
            List.of("cannot read the saga from Temporal: " + e)));
        continue;
      }
      Optional<DlqEntry> entry = dlq.get(payment.sagaId());
      if (PaymentAuditor.dlqEntryLost(state, entry, dlqLostUntilMillis)) {
        dlqEntriesLost++;
      }
      verdicts.add(PaymentAuditor.judge(payment, state, money.audit(payment, state), entry, dlqLostUntilMillis));
    }
    return verdicts;
  }

  /** Sagas parked in the DLQ before Redis lost its data whose entry went with it (after {@link #verdicts}). */
  long dlqEntriesLost() {
    return dlqEntriesLost;
  }

  /** Money records of sagas the run never started: money nobody accounts for. */
  long unknownLedgerKeys(List<PlannedPayment> payments) {
    return money.unknown(payments);
  }

  /** The sandbox's records in the run's Redis. */
  private final class SandboxRecords implements MoneyRecords {
    private final SandboxPaymentServices sandbox;

    SandboxRecords(SandboxPaymentServices sandbox) {
      this.sandbox = sandbox;
    }

    @Override
    public PaymentAudit audit(PlannedPayment payment, Optional<SagaState> state) {
      return sandbox.audit(payment.sagaId());
    }

    @Override
    public long unknown(List<PlannedPayment> payments) {
      return unknownSandboxKeys(payments);
    }
  }

  private long unknownSandboxKeys(List<PlannedPayment> payments) {
    Set<String> known = payments.stream().map(p -> SagaKeyspace.DEFAULT.sandbox(p.sagaId()).ledger()).collect(Collectors.toSet());
    long unknown = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    // Every saga's ledger key: SagaKeyspace.sandbox(id).ledger() of any saga ID in the default keyspace.
    ScanArgs args = ScanArgs.Builder.matches(SagaKeyspace.DEFAULT.sandbox("*").ledger()).limit(1000);
    do {
      KeyScanCursor<String> page = redis.scan(cursor, args);
      unknown += page.getKeys().stream().filter(key -> !known.contains(key)).count();
      cursor = page;
    } while (!cursor.isFinished());
    return unknown;
  }

  /** Entries left in the in-flight registry: every saga here ended or parked, so none should be. */
  long inflightLeft() {
    return inflight.size();
  }

  /** The saga's state, empty when Temporal does not know it; a failing read is tried three times. */
  private Optional<SagaState> state(PlannedPayment payment) {
    for (int attempt = 1; ; attempt++) {
      try {
        return Optional.of(reader.read(payment.sagaId()));
      } catch (SagaNotFoundException e) {
        return Optional.empty();
      } catch (RuntimeException e) {
        if (attempt == 3) {
          throw e;
        }
        Waits.pause(Duration.ofSeconds(1));
      }
    }
  }
}
