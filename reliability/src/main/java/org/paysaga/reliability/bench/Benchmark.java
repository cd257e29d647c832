package org.paysaga.reliability.bench;

import org.paysaga.reliability.stack.StackCodec;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.Locale;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.reliability.stack.OptionChecks;
import org.paysaga.reliability.stack.RedisServerProcess;
import org.paysaga.reliability.stack.StackOptions;
import org.paysaga.reliability.stack.TemporalEngine;
import org.paysaga.testsupport.ManagedProcess;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * The saga layer's cost: A (the payment saga as shipped) against B (a bare workflow with the same
 * four activities), alternating A/B and B/A round by round against one redis-server, each
 * measurement on a fresh Temporal test server and a fresh worker JVM. docs/BENCHMARKS.md.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measures the payment saga (A) against a bare Temporal workflow (B).")
public final class Benchmark implements Callable<Integer> {
  @Option(names = "--sagas", description = "Timed sagas per measurement (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
  int sagas;

  @Option(names = "--warmup", description = "Untimed sagas first, per measurement (default: ${DEFAULT-VALUE}).",
      defaultValue = "300")
  int warmup;

  @Option(names = "--rounds", description = "Rounds of A and B (default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int rounds;

  @Option(names = "--concurrency", description = "Sagas in flight (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int concurrency;

  @Option(names = "--unloaded", description = "Sagas run one at a time after the timed ones, for the latency "
      + "the saga layer adds without queueing (default: ${DEFAULT-VALUE}).", defaultValue = "200")
  int unloaded;

  @Option(names = "--replicas", description = "Worker processes per measurement, all on the one server and task "
      + "queue; CPU and RSS are their sums (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  int replicas;

  @Option(names = "--variants", split = ",", paramLabel = "A|B", description = "The variants measured "
      + "(default: A,B; A alone for a scale curve, e.g. with --replicas).", defaultValue = "A,B")
  Set<Variant> variants;

  @Option(names = "--census", description = "Sagas run one by one under MONITOR in round 1 (default: ${DEFAULT-VALUE}).",
      defaultValue = "20")
  int census;

  @Option(names = "--memory-sample", description = "Finished sagas whose keys are measured (default: ${DEFAULT-VALUE}).",
      defaultValue = "100")
  int memorySample;

  @Option(names = "--worker-java-options", description = "JVM options for both workers, e.g. a flight recording "
      + "(-XX:StartFlightRecording=filename={worker}.jfr, {worker} naming the measurement); the same for A and B.")
  String workerJavaOptions;

  @Option(names = "--worker-heap", description = "Both workers' maximum heap, -Xmx (default: ${DEFAULT-VALUE}).",
      defaultValue = Variant.HEAP)
  String workerHeap;

  @Mixin
  StackOptions stack;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Benchmark()).execute(args));
  }

  @Override
  public Integer call() {
    new OptionChecks(spec).atLeast("--sagas", sagas, 1).atLeast("--warmup", warmup, 0).atLeast("--rounds", rounds, 1)
        .atLeast("--concurrency", concurrency, 1).atLeast("--unloaded", unloaded, 1).atLeast("--census", census, 1)
        .atLeast("--replicas", replicas, 1)
        .atLeast("--memory-sample", memorySample, 1);
    if (!workerHeap.matches("[1-9][0-9]*[kKmMgG]")) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--worker-heap must be a size like 512m or 1g, was '" + workerHeap + "'");
    }
    String tag = Long.toString(System.currentTimeMillis(), 36);
    Path dir = stack.workDir("bench", tag);
    log("benchmark " + tag + ": " + rounds + " rounds of " + sagas + " timed sagas (+" + warmup + " warm-up) at "
        + concurrency + " in flight, " + replicas + " worker(s) per measurement on " + stack.engine().label()
        + "; logs in " + dir);
    List<Measurement> measurements = new ArrayList<>();
    try (RedisServerProcess redis = RedisServerProcess.start(stack.redisServer(), dir.resolve("redis-data"), dir, true);
        RedisProbe probe = new RedisProbe(redis.url())) {
      for (int round = 1; round <= rounds; round++) {
        // A/B, then B/A: what drifts within a round (page cache, AOF size) hits both.
        List<Variant> order = round % 2 == 1 ? List.of(Variant.A, Variant.B) : List.of(Variant.B, Variant.A);
        for (Variant variant : order.stream().filter(variants::contains).toList()) {
          Measurement m = measure(variant, round, tag, redis.url(), probe, dir);
          measurements.add(m);
          log(String.format(Locale.ROOT, "round %d %s: %.1f sagas/s, p50 %.1f ms, p95 %.1f ms, %d failures", round, variant,
              m.load().throughput(), m.load().percentileMillis(0.5), m.load().percentileMillis(0.95),
              m.load().failures().size()));
        }
      }
    }
    System.out.println(new BenchReport(measurements,
        new BenchReport.Setup(sagas, warmup, concurrency, replicas, workerHeap, stack.engine())).render());
    boolean failed = measurements.stream().anyMatch(m -> !m.load().failures().isEmpty());
    measurements.stream().flatMap(m -> m.load().failures().stream()).limit(10).forEach(f -> log("failure: " + f));
    return failed ? 1 : 0;
  }

  private Measurement measure(Variant variant, int round, String tag, String redisUrl, RedisProbe probe, Path dir) {
    probe.flushAll();
    String name = variant.name() + round;
    // A fresh server (and SQLite file) per measurement: neither variant inherits the other's history.
    try (TemporalEngine server = stack.startEngine(dir.resolve(name))) {
      List<ManagedProcess> workers = new ArrayList<>();
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(server.address()).build());
      try {
        for (int replica = 1; replica <= replicas; replica++) {
          String worker = "worker-" + name + (replicas == 1 ? "" : "-r" + replica);
          workers.add(variant.startWorker(stack.workerJar(), workerHeap, server.address(), redisUrl, dir, worker,
              workerJavaOptions == null ? Map.of()
                  : Map.of("JAVA_TOOL_OPTIONS", workerJavaOptions.replace("{worker}", worker))));
        }
        WorkflowClient client = StackCodec.client(stubs);
        requireNoFailures(LoadRun.run(variant, client, requests(tag, name + "-w", warmup), concurrency), "warm-up");

        List<PaymentRequest> timed = requests(tag, name + "-t", sagas);
        probe.resetStats();
        long memoryBefore = probe.usedMemory();
        long cpuBefore = cpuNanos(workers);
        LoadRun.Result load = LoadRun.run(variant, client, timed, concurrency);
        double cpuPer1000 = (cpuNanos(workers) - cpuBefore) / 1e9 * 1000 / sagas;
        long rss = workers.stream().mapToLong(ProcessFigures::residentBytes).sum();
        long peak = workers.stream().mapToLong(ProcessFigures::peakResidentBytes).sum();
        Map<String, Double> callsPerSaga = perSaga(probe.commandCalls(), sagas);
        double usedMemoryPerSaga = (double) (probe.usedMemory() - memoryBefore) / sagas;
        Measurement.Footprint footprint = footprint(probe, timed, usedMemoryPerSaga);
        LoadRun.Result oneAtATime = LoadRun.run(variant, client, requests(tag, name + "-u", unloaded), 1);
        requireNoFailures(oneAtATime, "unloaded run");
        Measurement.Census census = round == 1 ? census(variant, client, redisUrl, requests(tag, name + "-c", this.census))
            : null;
        return new Measurement(variant, round, load, oneAtATime, cpuPer1000, rss, peak, callsPerSaga, footprint, census);
      } finally {
        stubs.shutdownNow();
        workers.forEach(worker -> worker.stop(Duration.ofSeconds(40)));
      }
    }
  }

  private static long cpuNanos(List<ManagedProcess> workers) {
    return workers.stream().mapToLong(worker -> ProcessFigures.cpuTime(worker).toNanos()).sum();
  }

  private Measurement.Footprint footprint(RedisProbe probe, List<PaymentRequest> timed, double usedMemoryPerSaga) {
    int sample = Math.min(memorySample, timed.size());
    long sagaLayer = 0;
    long sandbox = 0;
    long keys = 0;
    long withoutTtl = 0;
    for (int i = 0; i < sample; i++) {
      for (RedisProbe.KeyFootprint key : probe.footprint(timed.get(i).sagaId())) {
        keys++;
        if (key.ttlSeconds() < 0) {
          withoutTtl++;
        }
        if (key.key().contains("}:sandbox:")) {
          sandbox += key.bytes();
        } else {
          sagaLayer += key.bytes();
        }
      }
    }
    return new Measurement.Footprint((double) sagaLayer / sample, (double) sandbox / sample, (double) keys / sample,
        withoutTtl, usedMemoryPerSaga);
  }

  /** A few sagas one at a time under MONITOR: which commands are round trips, which run in Lua. */
  private static Measurement.Census census(Variant variant, WorkflowClient client, String redisUrl,
      List<PaymentRequest> requests) {
    Map<String, Double> client0 = new TreeMap<>();
    Map<MonitorCensus.Owner, Double> byOwner = new TreeMap<>();
    double lua = 0;
    try (MonitorCensus monitor = MonitorCensus.start(redisUrl)) {
      requireNoFailures(LoadRun.run(variant, client, requests, 1), "census");
      sleepQuietly(Duration.ofMillis(500)); // the last lines reach the monitor
      for (PaymentRequest request : requests) {
        MonitorCensus.SagaCommands commands = monitor.commandsOf(request.sagaId());
        commands.client().forEach((command, n) -> client0.merge(command, (double) n / requests.size(), Double::sum));
        commands.clientByOwner().forEach((owner, n) -> byOwner.merge(owner, (double) n / requests.size(), Double::sum));
        lua += (double) commands.luaCalls() / requests.size();
      }
    }
    return new Measurement.Census(requests.size(), client0, byOwner, lua);
  }

  private static Map<String, Double> perSaga(Map<String, Long> calls, int sagas) {
    Map<String, Double> perSaga = new TreeMap<>();
    calls.forEach((command, n) -> {
      if (!RedisProbe.PROBE_COMMANDS.contains(command)) {
        perSaga.put(command, (double) n / sagas);
      }
    });
    return perSaga;
  }

  private static List<PaymentRequest> requests(String tag, String phase, int count) {
    Random random = new Random(phase.hashCode());
    List<PaymentRequest> requests = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      requests.add(new PaymentRequest(String.format(Locale.ROOT, "bench-%s-%s-%05d", tag, phase, i), "m_bench_" + (i % 7),
          100 + random.nextInt(99_900), "CNY", "tok_visa"));
    }
    return requests;
  }

  private static void requireNoFailures(LoadRun.Result result, String phase) {
    if (!result.failures().isEmpty()) {
      throw new IllegalStateException(result.failures().size() + " sagas failed in the " + phase + ", e.g. "
          + result.failures().get(0));
    }
  }

  private static void sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void log(String line) {
    System.err.println("[bench] " + line);
  }
}
