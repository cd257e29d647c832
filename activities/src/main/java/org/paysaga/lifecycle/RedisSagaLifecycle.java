package org.paysaga.lifecycle;

import java.time.Duration;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaCompensation;
import org.paysaga.saga.SagaLifecycle;
import org.paysaga.saga.SagaSettings;

/**
 * The saga lifecycle on Redis (run as local activities). Every call is idempotent, so a retry
 * after a crash or a Redis outage is harmless. The registry, the DLQ and the barrier have
 * different hash tags, so they are separate commands.
 */
public final class RedisSagaLifecycle implements SagaLifecycle {
  private final InflightRegistry inflight;
  private final DlqStore dlq;
  private final IdempotencyBarrier barrier;
  private final SagaSettings settings;
  private final Duration idempotencyTtl;

  public RedisSagaLifecycle(InflightRegistry inflight, DlqStore dlq, IdempotencyBarrier barrier,
      SagaSettings settings, Duration idempotencyTtl) {
    this.inflight = inflight;
    this.dlq = dlq;
    this.barrier = barrier;
    this.settings = settings;
    this.idempotencyTtl = idempotencyTtl;
  }

  @Override
  public SagaSettings settings() {
    return settings;
  }

  @Override
  public void register(String workflowId, long startedAtMillis) {
    inflight.register(workflowId, startedAtMillis);
  }

  @Override
  public void park(DlqEntry entry) {
    // Keep the records first: a parked saga may be retried after the TTL would have run out.
    barrier.keep(entry.sagaId());
    dlq.park(entry);
    inflight.remove(entry.workflowId());
  }

  @Override
  public void finish(String sagaId) {
    barrier.expire(sagaId, idempotencyTtl);
    dlq.remove(sagaId);
    inflight.remove(sagaId, SagaCompensation.workflowIdFor(sagaId));
  }
}
