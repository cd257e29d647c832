package org.paysaga.reliability.scale;

import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.paysaga.catalog.SagaTypes;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.saga.SweepCursor;
import org.paysaga.saga.SweepResult;
import org.paysaga.saga.SweeperSettings;
import org.paysaga.sweeper.RedisSweeperActivities;

/**
 * One sweep's cost against registries of growing size: the registry's page read
 * ({@link InflightRegistry#pageAfter}) at the start, middle and end, and, given a Temporal, the
 * whole {@link RedisSweeperActivities#sweep} with its describes.
 */
final class SweeperCurve {
  /**
   * @param sweep the real sweep's median (µs), null without a Temporal
   * @param sweepCost its Redis commands, null without a Temporal
   */
  record Row(long registrySize, String position, double pageMicros, CommandCost pageCost, Double sweepMicros,
      CommandCost sweepCost) {}

  private final ScaleRedis redis;
  private final String redisUrl;
  private final int batch;
  private final int repetitions;
  private final int sweeps;
  private final UnpolledSagas unpolled;
  private final WorkflowClient temporal;
  private final Consumer<String> log;

  /** @param temporal the dev server's client for real sweeps, or null for the page reads only */
  SweeperCurve(ScaleRedis redis, String redisUrl, int batch, int repetitions, int sweeps, WorkflowClient temporal,
      Consumer<String> log) {
    this.redis = redis;
    this.redisUrl = redisUrl;
    this.batch = batch;
    this.repetitions = repetitions;
    this.sweeps = sweeps;
    this.temporal = temporal;
    this.unpolled = temporal == null ? null : new UnpolledSagas(temporal);
    this.log = log;
  }

  List<Row> run(List<Integer> sizes) {
    List<Row> rows = new ArrayList<>();
    InflightRegistry registry = redis.stores().inflight();
    RedisSweeperActivities sweeper = temporal == null ? null : new RedisSweeperActivities(registry, redis.stores().dlq(),
        redis.stores().barrier(), redis.lifecycle(), temporal, SagaTypes.catalog(),
        new SweeperSettings(SweeperSettings.DEFAULTS.interval(), batch), System::currentTimeMillis);
    for (int size : sizes) {
      redis.probe().flushAll();
      long start = System.nanoTime();
      RegistryFill.fill(redisUrl, redis.stores().keyspace().inflight(), size);
      log.accept(String.format("registry of %s filled in %.1f s", Count.label(size), (System.nanoTime() - start) / 1e9));
      if (registry.size() != size) {
        throw new IllegalStateException("registry holds " + registry.size() + " entries, not " + size);
      }
      for (Position position : Position.values()) {
        long index = position.firstIndex(size, batch);
        SweepCursor cursor = RegistryFill.cursorBefore(index);
        requirePage(registry.pageAfter(cursor, batch).size(), position);
        // The commands first: their calls warm the code paths the timing then measures.
        CommandCost pageCost = CommandCost.measure(redis.probe(), repetitions, () -> registry.pageAfter(cursor, batch));
        double pageMicros = Timing.medianMicros(repetitions, () -> registry.pageAfter(cursor, batch));
        Double sweepMicros = null;
        CommandCost sweepCost = null;
        if (sweeper != null) {
          startRunning(index);
          Runnable sweep = () -> requireAllOpen(sweeper.sweep(cursor, batch));
          sweepCost = CommandCost.measure(redis.probe(), sweeps, sweep);
          sweepMicros = Timing.medianMicros(sweeps, sweep);
        }
        rows.add(new Row(size, position.label, pageMicros, pageCost, sweepMicros, sweepCost));
      }
    }
    return rows;
  }

  /** Where in the registry a measured page begins. */
  enum Position {
    START("start"), MIDDLE("middle"), END("end");

    final String label;

    Position(String label) {
      this.label = label;
    }

    long firstIndex(long size, int batch) {
      return switch (this) {
        case START -> 0;
        case MIDDLE -> size / 2;
        case END -> size - batch;
      };
    }
  }

  /** The registry entries the sweep examines, as RUNNING payment sagas that no worker runs. */
  private void startRunning(long firstIndex) {
    for (long i = firstIndex; i < firstIndex + batch; i++) {
      unpolled.start(i);
    }
  }

  private void requirePage(int found, Position position) {
    if (found != batch) {
      throw new IllegalStateException("the " + position.label + " page holds " + found + " entries, not " + batch);
    }
  }

  /** A sweep that parked or finished anything changed the registry: the figures would be wrong. */
  private void requireAllOpen(SweepResult result) {
    if (result.examined() != batch || !result.parked().isEmpty() || !result.finished().isEmpty()) {
      throw new IllegalStateException("a sweep examined " + result.examined() + ", parked " + result.parked()
          + ", finished " + result.finished() + ": its entries are not all running workflows");
    }
  }
}
