package org.paysaga.reliability.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.reliability.bench.RedisProbe;

/**
 * Redis memory of finished payment sagas kept for the idempotency window: each saga's four steps
 * through the barrier ({@link IdempotencyBarrier#begin} and {@link IdempotencyBarrier#record}, as
 * steps with effects outside Redis do), then {@code RedisSagaLifecycle.finish} (the TTL, the
 * records shrunk, out of the DLQ and the registry). Sizes are checkpoints of one growing data set.
 */
final class MemoryCurve {
  private static final List<String> STEPS = List.of(PaymentSteps.CREATE_ORDER, PaymentSteps.CALL_PAYMENT_CHANNEL,
      PaymentSteps.CREDIT_MERCHANT, PaymentSteps.COMPLETE_ORDER);

  /**
   * @param usedMemoryGrowth {@code used_memory} now minus on the empty server, bytes
   * @param barrierKeyBytes mean {@code MEMORY USAGE} of the sampled sagas' barrier keys
   * @param registryAndDlqBytes {@code MEMORY USAGE} of the registry and the DLQ keys (0: absent)
   * @param ttlDaysMin shortest TTL left among the sampled keys, days
   */
  record Row(long sagas, double writeSeconds, long usedMemoryGrowth, double barrierKeyBytes, long registryAndDlqBytes,
      double ttlDaysMin) {
    double usedBytesPerSaga() {
      return (double) usedMemoryGrowth / sagas;
    }
  }

  private final ScaleRedis redis;
  private final int threads;
  private final int sample;
  private final Consumer<String> log;

  MemoryCurve(ScaleRedis redis, int threads, int sample, Consumer<String> log) {
    this.redis = redis;
    this.threads = threads;
    this.sample = sample;
    this.log = log;
  }

  List<Row> run(List<Integer> sizes) {
    RedisProbe probe = redis.probe();
    probe.flushAll();
    long empty = probe.usedMemory();
    List<Row> rows = new ArrayList<>();
    long written = 0;
    for (int size : sizes.stream().sorted().toList()) {
      long start = System.nanoTime();
      Parallel.forEach(written, size, threads, this::finishedSaga);
      double seconds = (System.nanoTime() - start) / 1e9;
      written = size;
      rows.add(new Row(size, seconds, probe.usedMemory() - empty, sampledBarrierBytes(size), registryAndDlqBytes(),
          sampledTtlDaysMin(size)));
      log.accept(String.format("%s finished sagas written in %.1f s", Count.label(size), seconds));
    }
    return rows;
  }

  private void finishedSaga(long i) {
    String sagaId = PaymentIds.sagaId(i);
    IdempotencyBarrier barrier = redis.stores().barrier();
    for (String step : STEPS) {
      BarrierStep forward = BarrierStep.forward(sagaId, step);
      barrier.begin(forward);
      barrier.record(forward, reference(step, i));
    }
    redis.lifecycle().finish(sagaId);
  }

  /** What a provider hands back, e.g. {@code CallPaymentChannel-P202612020000001}; the finish shrinks it to '+'. */
  private static String reference(String step, long i) {
    return step + "-" + PaymentIds.paymentNo(i);
  }

  private double sampledBarrierBytes(long sagas) {
    long bytes = 0;
    List<String> keys = sampleKeys(sagas);
    for (String key : keys) {
      bytes += redis.probe().memoryUsage(key);
    }
    return (double) bytes / keys.size();
  }

  private double sampledTtlDaysMin(long sagas) {
    long min = Long.MAX_VALUE;
    for (String key : sampleKeys(sagas)) {
      min = Math.min(min, redis.commands().ttl(key));
    }
    return min / 86_400.0;
  }

  /** Barrier keys spread over the sagas written so far. */
  private List<String> sampleKeys(long sagas) {
    List<String> keys = new ArrayList<>();
    long step = Math.max(1, sagas / sample);
    for (long i = 0; i < sagas && keys.size() < sample; i += step) {
      keys.add(redis.stores().keyspace().barrier(PaymentIds.sagaId(i)));
    }
    return keys;
  }

  private long registryAndDlqBytes() {
    SagaKeyspace keyspace = redis.stores().keyspace();
    return redis.probe().memoryUsage(keyspace.inflight()) + redis.probe().memoryUsage(keyspace.dlqEntries())
        + redis.probe().memoryUsage(keyspace.dlqIndex());
  }
}
