package org.paysaga.reliability.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.paysaga.dlq.DlqStore;
import org.paysaga.testsupport.ProcessResult;
import org.paysaga.testsupport.SagaCliJar;

/**
 * {@code saga dlq size} and {@code saga dlq list} against DLQs of growing size, filled through
 * {@link DlqStore#park}: the real CLI jar's wall time, and the store's call in-process.
 */
final class DlqCurve {
  /** {@code saga dlq list}'s default {@code --limit}: the page the in-process list reads too. */
  static final int CLI_DEFAULT_PAGE = 20;
  private static final int CLI_WARMUP = 1;

  /** @param commands Redis commands per call, null for a CLI run (its own JVM, same calls) */
  record Row(long dlqSize, String call, double medianMillis, CommandCost commands) {}

  private final ScaleRedis redis;
  private final String redisUrl;
  private final int threads;
  private final int repetitions;
  private final int cliRuns;
  private final Consumer<String> log;

  DlqCurve(ScaleRedis redis, String redisUrl, int threads, int repetitions, int cliRuns, Consumer<String> log) {
    this.redis = redis;
    this.redisUrl = redisUrl;
    this.threads = threads;
    this.repetitions = repetitions;
    this.cliRuns = cliRuns;
    this.log = log;
  }

  List<Row> run(List<Integer> sizes) {
    redis.probe().flushAll();
    DlqStore store = redis.stores().dlq();
    SagaCliJar cli = new SagaCliJar(Map.of("REDIS_URL", redisUrl));
    List<Row> rows = new ArrayList<>();
    long filled = 0;
    for (int size : sizes.stream().sorted().toList()) {
      long start = System.nanoTime();
      Parallel.forEach(filled, size, threads, i -> store.park(DlqEntries.sweeperEntry(i)));
      filled = size;
      log.accept(String.format("DLQ of %s parked in %.1f s", Count.label(size), (System.nanoTime() - start) / 1e9));
      if (store.size() != size) {
        throw new IllegalStateException("the DLQ holds " + store.size() + " entries, not " + size);
      }
      int deepest = size - CLI_DEFAULT_PAGE;
      rows.add(inProcess(size, "store.size()", store::size));
      rows.add(inProcess(size, "store.list(0, " + CLI_DEFAULT_PAGE + ")", () -> store.list(0, CLI_DEFAULT_PAGE)));
      rows.add(inProcess(size, "store.list(" + deepest + ", " + CLI_DEFAULT_PAGE + ")",
          () -> store.list(deepest, CLI_DEFAULT_PAGE)));
      rows.add(cliRun(cli, size, "dlq", "size"));
      rows.add(cliRun(cli, size, "dlq", "list"));
      rows.add(cliRun(cli, size, "dlq", "list", "--json"));
      rows.add(cliRun(cli, size, "dlq", "list", "--offset", Integer.toString(deepest)));
    }
    return rows;
  }

  private Row inProcess(long size, String call, Runnable body) {
    CommandCost commands = CommandCost.measure(redis.probe(), repetitions, body); // warms what is timed next
    return new Row(size, call, Timing.medianMicros(repetitions, body) / 1_000, commands);
  }

  private Row cliRun(SagaCliJar cli, long size, String... args) {
    double micros = Timing.medianMicros(CLI_WARMUP, cliRuns, () -> {
      ProcessResult result = cli.run(args);
      if (result.exitCode() != 0) {
        throw new IllegalStateException("saga " + String.join(" ", args) + " exited " + result.exitCode() + ": "
            + result.stderr());
      }
    });
    return new Row(size, "saga " + String.join(" ", args), micros / 1_000, null);
  }
}
