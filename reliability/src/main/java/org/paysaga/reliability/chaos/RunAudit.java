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
import org.paysaga.redis.SagaKeyspace.SandboxKeys;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.SagaNotFoundException;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaState;
import org.paysaga.testsupport.Waits;

/** Audits every planned payment, and the run's Redis as a whole, once the sagas have settled. */
final class RunAudit {
  private final SagaReader reader;
  private final RedisClusterCommands<String, String> redis;
  private final SandboxPaymentServices sandbox;
  private final DlqStore dlq;
  private final InflightRegistry inflight;

  RunAudit(SagaReader reader, RedisClusterCommands<String, String> redis) {
    this.reader = reader;
    this.redis = redis;
    this.sandbox = new SandboxPaymentServices(redis);
    this.dlq = new DlqStore(redis, SagaKeyspace.DEFAULT);
    this.inflight = new InflightRegistry(redis, SagaKeyspace.DEFAULT);
  }

  List<Verdict> verdicts(List<PlannedPayment> payments) {
    List<Verdict> verdicts = new ArrayList<>(payments.size());
    for (PlannedPayment payment : payments) {
      PaymentAudit audit = sandbox.audit(payment.sagaId());
      Optional<SagaState> state;
      try {
        state = state(payment);
      } catch (RuntimeException e) {
        verdicts.add(new Verdict(payment, null, -1, null, audit, 0, List.of("cannot read the saga from Temporal: " + e)));
        continue;
      }
      verdicts.add(PaymentAuditor.judge(payment, state, audit, dlq.get(payment.sagaId())));
    }
    return verdicts;
  }

  /** Ledger keys of sagas the run never started: money nobody accounts for. */
  long unknownLedgerKeys(List<PlannedPayment> payments) {
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
