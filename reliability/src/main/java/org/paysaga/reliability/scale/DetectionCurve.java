package org.paysaga.reliability.scale;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.catalog.SagaTypes;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SweepCursor;
import org.paysaga.saga.SweepResult;
import org.paysaga.saga.SweeperSettings;
import org.paysaga.sweeper.RedisSweeperActivities;

/**
 * Detection latency: how long after Temporal ends a registered saga (an operator's terminate, a
 * run timeout) the real {@link RedisSweeperActivities#sweep} has parked it in the DLQ, against
 * registries of growing size. Each subject is the registry's youngest entry, the last a registry
 * walk would reach, with its first step recorded in the barrier (so it has something to undo and
 * is parked, not finished). Sweeps run back to back from just before the close, each carrying the
 * visibility watermark the previous one returned; their walk stays on the registry's first page
 * (real RUNNING sagas), so what finds the subject is visibility alone.
 */
final class DetectionCurve {
  /** How Temporal ends a subject. */
  enum Ending {
    TERMINATED("terminate"), TIMED_OUT("run timeout (2 s)");

    final String label;

    Ending(String label) {
      this.label = label;
    }
  }

  /** A subject's run timeout: short, so the back-to-back sweeps before it closes stay few. */
  static final Duration RUN_TIMEOUT = Duration.ofSeconds(2);
  /** Subject sequence numbers, far above any registry's synthetic entries, distinct per size. */
  private static final long FIRST_SUBJECT = 9_000_000;
  private static final Duration PATIENCE = Duration.ofMinutes(1);

  /**
   * One subject, times from the server's close time.
   *
   * @param sweepsAfterClose sweeps that began after the close, the one that parked it included
   * @param namedAfterMillis until the sweep that parked it began: visibility's indexing lag, to within one sweep
   * @param parkedAfterMillis until its DLQ entry was written (that sweep ended)
   */
  record Detection(int sweepsAfterClose, long namedAfterMillis, long parkedAfterMillis) {}

  /** @param walkSweeps sweeps a registry walk alone needs to reach the subject from the registry's start */
  record Row(long registrySize, long running, Ending ending, List<Detection> detections, long walkSweeps) {
    int maxSweeps() {
      return detections.stream().mapToInt(Detection::sweepsAfterClose).max().orElseThrow();
    }

    long medianMillis(ToLongFunction<Detection> figure) {
      long[] sorted = detections.stream().mapToLong(figure).sorted().toArray();
      return sorted[(sorted.length - 1) / 2];
    }

    long maxMillis(ToLongFunction<Detection> figure) {
      return detections.stream().mapToLong(figure).max().orElseThrow();
    }
  }

  private final ScaleRedis redis;
  private final String redisUrl;
  private final int batch;
  private final int subjects;
  private final long running;
  private final int threads;
  private final WorkflowClient temporal;
  private final UnpolledSagas unpolled;
  private final Consumer<String> log;

  /**
   * @param running the registry's oldest entries started as real RUNNING sagas (at least one batch:
   *     the page every sweep walks); the rest of each registry is synthetic IDs no sweep examines
   */
  DetectionCurve(ScaleRedis redis, String redisUrl, int batch, int subjects, long running, int threads,
      WorkflowClient temporal, Consumer<String> log) {
    this.redis = redis;
    this.redisUrl = redisUrl;
    this.batch = batch;
    this.subjects = subjects;
    this.running = running;
    this.threads = threads;
    this.temporal = temporal;
    this.unpolled = new UnpolledSagas(temporal);
    this.log = log;
  }

  List<Row> run(List<Integer> sizes) {
    RedisSweeperActivities sweeper = new RedisSweeperActivities(redis.stores().inflight(), redis.stores().dlq(),
        redis.stores().barrier(), redis.lifecycle(), temporal, SagaTypes.catalog(),
        new SweeperSettings(SweeperSettings.DEFAULTS.interval(), batch), System::currentTimeMillis);
    List<Row> rows = new ArrayList<>();
    for (int s = 0; s < sizes.size(); s++) {
      int size = sizes.get(s);
      long open = Math.min(size, running);
      redis.probe().flushAll();
      RegistryFill.fill(redisUrl, redis.stores().keyspace().inflight(), size);
      long start = System.nanoTime();
      Parallel.forEach(0, open, threads, unpolled::start);
      log.accept(String.format("registry of %s, its first %s running in Temporal (%.1f s)", Count.label(size),
          Count.label(open), (System.nanoTime() - start) / 1e9));
      long youngest = size;
      for (Ending ending : Ending.values()) {
        List<Detection> detections = new ArrayList<>();
        for (int k = 0; k < subjects; k++) {
          long subject = FIRST_SUBJECT + s * 1_000L + ending.ordinal() * 100L + k;
          detections.add(detect(sweeper, subject, RegistryFill.score(youngest++), ending));
        }
        // The registry held size entries before the subject: a walk from its start reads them all first.
        rows.add(new Row(size, open, ending, detections, size / batch + 1));
        log.accept("registry of " + Count.label(size) + ", " + ending.label + ": " + detections);
      }
    }
    return rows;
  }

  private Detection detect(RedisSweeperActivities sweeper, long subject, long registeredAt, Ending ending) {
    String sagaId = PaymentIds.sagaId(subject);
    redis.stores().inflight().register(sagaId, registeredAt);
    BarrierStep created = BarrierStep.forward(sagaId, PaymentSteps.CREATE_ORDER);
    redis.stores().barrier().begin(created);
    redis.stores().barrier().record(created, "order-" + PaymentIds.paymentNo(subject));
    // As if the sweep before had begun just now, before the close.
    SweepCursor cursor = SweepCursor.START.withClosedSince(System.currentTimeMillis());
    WorkflowStub stub;
    if (ending == Ending.TERMINATED) {
      stub = unpolled.start(subject);
      stub.terminate("scale curve: detection");
    } else {
      stub = unpolled.start(subject, RUN_TIMEOUT);
    }
    List<Long> began = new ArrayList<>();
    long deadline = System.currentTimeMillis() + PATIENCE.toMillis();
    while (true) {
      began.add(System.currentTimeMillis());
      SweepResult result = sweeper.sweep(cursor, batch);
      long ended = System.currentTimeMillis();
      requireWalkOpen(result);
      if (result.parked().contains(sagaId)) {
        long closed = stub.describe().getCloseTime().toEpochMilli();
        DlqEntry entry = redis.stores().dlq().get(sagaId)
            .orElseThrow(() -> new IllegalStateException(sagaId + " was parked but is not in the DLQ"));
        if (entry.steps().isEmpty()) {
          throw new IllegalStateException(sagaId + " was parked without its recorded step: " + entry);
        }
        long named = began.get(began.size() - 1);
        int sweepsAfterClose = (int) began.stream().filter(at -> at >= closed).count();
        return new Detection(sweepsAfterClose, named - closed, ended - closed);
      }
      if (ended > deadline) {
        throw new IllegalStateException(sagaId + " (" + ending.label + ") was not parked within " + PATIENCE
            + " of sweeps back to back; the last: " + result);
      }
      cursor = SweepCursor.START.withClosedSince(result.next().closedSince());
    }
  }

  /** The walk's page is the registry's first, all running: anything else there would skew the sweeps. */
  private void requireWalkOpen(SweepResult result) {
    if (result.examined() != batch) {
      throw new IllegalStateException("a sweep's walk examined " + result.examined() + " entries, not " + batch);
    }
    if (!result.finished().isEmpty() || result.parked().size() > 1) {
      throw new IllegalStateException("a sweep parked " + result.parked() + " and finished " + result.finished()
          + ": the registry's first page is not all running sagas");
    }
  }
}
