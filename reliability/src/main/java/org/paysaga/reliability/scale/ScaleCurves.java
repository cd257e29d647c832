package org.paysaga.reliability.scale;

import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.paysaga.reliability.stack.OptionChecks;
import org.paysaga.reliability.stack.RedisServerProcess;
import org.paysaga.reliability.stack.StackCodec;
import org.paysaga.reliability.stack.StackOptions;
import org.paysaga.reliability.stack.TemporalEngine;
import org.paysaga.saga.SweeperSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How the saga layer's Redis side scales: one sweep against registries of 10k to 1M sagas, the
 * DLQ commands against a large DLQ, the
 * time from Temporal ending a saga to its DLQ entry, and the memory finished sagas keep for the idempotency window.
 * Against a redis-server of its own, append-only as deployed; prints Markdown tables.
 */
@Command(name = "scale-curves", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measures the sweeper, the DLQ commands and finished sagas' memory at scale.")
public final class ScaleCurves implements Callable<Integer> {
  @Option(names = "--only", split = ",", paramLabel = "sweeper|detection|dlq|memory", converter = Part.Converter.class,
      description = "The parts to run (default: all).")
  Set<Part> only;

  @Option(names = "--registry-sizes", split = ",", converter = Count.class,
      description = "In-flight registry sizes (default: ${DEFAULT-VALUE}).", defaultValue = "10k,100k,1M")
  List<Integer> registrySizes;

  @Option(names = "--page-repetitions", description = "Page reads timed per size and position "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "500")
  int pageRepetitions;

  @Option(names = "--sweeps", description = "Real sweeps timed per size and position against the Temporal engine; "
      + "0 for the page reads only (default: ${DEFAULT-VALUE}).", defaultValue = "20")
  int sweeps;

  @Option(names = "--detection-sizes", split = ",", converter = Count.class,
      description = "In-flight registry sizes the detection latency is measured with (default: ${DEFAULT-VALUE}).",
      defaultValue = "1k,100k")
  List<Integer> detectionSizes;

  @Option(names = "--detection-running", converter = Count.class, description = "The registry's oldest entries "
      + "started as real RUNNING sagas in Temporal; the rest are synthetic IDs (default: ${DEFAULT-VALUE}).",
      defaultValue = "1k")
  int detectionRunning;

  @Option(names = "--detection-subjects", description = "Sagas ended per registry size and ending "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "5")
  int detectionSubjects;

  @Option(names = "--dlq-sizes", split = ",", converter = Count.class,
      description = "DLQ sizes (default: ${DEFAULT-VALUE}).", defaultValue = "1k,100k")
  List<Integer> dlqSizes;

  @Option(names = "--store-repetitions", description = "In-process DLQ store calls timed per size "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "200")
  int storeRepetitions;

  @Option(names = "--cli-runs", description = "CLI runs timed per command and size (default: ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int cliRuns;

  @Option(names = "--memory-sizes", split = ",", converter = Count.class,
      description = "Finished sagas, as checkpoints of one growing data set (default: ${DEFAULT-VALUE}).",
      defaultValue = "10k,100k,1M")
  List<Integer> memorySizes;

  @Option(names = "--memory-sample", description = "Barrier keys measured with MEMORY USAGE per checkpoint "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "200")
  int memorySample;

  @Option(names = "--memory-target-mb", description = "Saga-layer memory allowed per 1M finished sagas "
      + "(default: ${DEFAULT-VALUE}).", defaultValue = "200")
  double memoryTargetMb;

  @Option(names = "--threads", description = "Writers filling the DLQ and the barriers, sharing one pipelined "
      + "connection (default: ${DEFAULT-VALUE}).", defaultValue = "32")
  int threads;

  @Mixin
  StackOptions stack;

  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ScaleCurves()).execute(args));
  }

  @Override
  public Integer call() {
    int batch = SweeperSettings.DEFAULTS.batchSize();
    OptionChecks checks = new OptionChecks(spec).atLeast("--page-repetitions", pageRepetitions, 1)
        .atLeast("--sweeps", sweeps, 0).atLeast("--store-repetitions", storeRepetitions, 1)
        .atLeast("--detection-running", detectionRunning, batch).atLeast("--detection-subjects", detectionSubjects, 1)
        .atLeast("--cli-runs", cliRuns, 1).atLeast("--memory-sample", memorySample, 1)
        .positive("--memory-target-mb", memoryTargetMb).atLeast("--threads", threads, 1);
    registrySizes.forEach(size -> checks.atLeast("--registry-sizes", size, 2L * batch));
    detectionSizes.forEach(size -> checks.atLeast("--detection-sizes", size, batch));
    dlqSizes.forEach(size -> checks.atLeast("--dlq-sizes", size, DlqCurve.CLI_DEFAULT_PAGE));
    memorySizes.forEach(size -> checks.atLeast("--memory-sizes", size, 1));
    Set<Part> parts = only == null || only.isEmpty() ? EnumSet.allOf(Part.class) : EnumSet.copyOf(only);
    if (stack.engine() != TemporalEngine.Kind.DEV_SERVER && parts.contains(Part.DETECTION)) {
      // The test server has no visibility queries: only the registry walk would find an ended saga.
      if (only != null && only.contains(Part.DETECTION)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "--only detection needs --engine dev-server: the test server has no visibility queries");
      }
      parts.remove(Part.DETECTION);
    }
    String tag = Long.toString(System.currentTimeMillis(), 36);
    Path dir = stack.workDir("scale", tag);
    log("scale curves " + tag + ": " + parts + "; logs and Redis data in " + dir);
    StringBuilder out = new StringBuilder();
    out.append("Timings on a shared 2-core machine (other jobs ran beside it): compare rows, not machines.\n")
        .append("One redis-server of the run's own, append-only (appendfsync everysec) as deployed.\n\n");
    try (RedisServerProcess server = RedisServerProcess.start(stack.redisServer(), dir.resolve("redis-data"), dir, true);
        ScaleRedis redis = new ScaleRedis(server.url())) {
      if (parts.contains(Part.SWEEPER)) {
        out.append(sweeper(redis, server.url(), batch, dir));
      }
      if (parts.contains(Part.DETECTION)) {
        out.append(detection(redis, server.url(), batch, dir));
      }
      if (parts.contains(Part.DLQ)) {
        List<DlqCurve.Row> rows = new DlqCurve(redis, server.url(), threads, storeRepetitions, cliRuns,
            ScaleCurves::log).run(dlqSizes);
        out.append("## saga dlq size / list against the DLQ's size\n\n")
            .append("Entries parked through DlqStore.park as the sweeper builds them, inputs encrypted with the "
                + "workers' data converter (test key). CLI: java -jar starter-cli/target/saga-cli.jar, process wall "
                + "time, median of ").append(cliRuns).append(" (after 1 untimed). In-process: median of ")
            .append(storeRepetitions).append(".\n\n").append(ScaleTables.dlq(rows)).append('\n');
      }
      if (parts.contains(Part.MEMORY)) {
        List<MemoryCurve.Row> rows = new MemoryCurve(redis, threads, memorySample, ScaleCurves::log).run(memorySizes);
        out.append("## Redis memory of finished payment sagas (7-day window)\n\n")
            .append("Per saga: begin and record of the four forward steps through IdempotencyBarrier, then "
                + "RedisSagaLifecycle.finish (TTL, records shrunk, out of DLQ and registry); saga IDs of 24 "
                + "characters (payment-P202612020000001). Saga-layer keys only (no sandbox). MB = 10^6 bytes.\n\n")
            .append(ScaleTables.memory(rows, memoryTargetMb)).append('\n')
            .append(ScaleTables.memoryVerdict(rows, memoryTargetMb)).append("\n\n");
      }
    }
    System.out.print(out);
    return 0;
  }

  private String sweeper(ScaleRedis redis, String redisUrl, int batch, Path dir) {
    StringBuilder out = new StringBuilder("## One sweep against the in-flight registry's size\n\n");
    out.append("InflightRegistry.pageAfter with the default batch (").append(batch)
        .append("), the page starting at the first, middle and last-but-").append(batch)
        .append(" entry; median of ").append(pageRepetitions)
        .append(". Commands from the INFO commandstats delta per call.\n");
    if (sweeps == 0) {
      List<SweeperCurve.Row> rows = new SweeperCurve(redis, redisUrl, batch, pageRepetitions, 0, null,
          ScaleCurves::log).run(registrySizes);
      return out.append('\n').append(sweeperTables(rows)).toString();
    }
    out.append("sweep(): RedisSweeperActivities.sweep against ").append(stack.engine().label())
        .append(", median of ").append(sweeps).append("; the ").append(batch)
        .append(" entries each measured sweep examines are real RUNNING PaymentSaga workflows (task queue ")
        .append(UnpolledSagas.TASK_QUEUE).append(", no worker), so each sweep describes ").append(batch)
        .append(" workflows; the other registry entries are synthetic IDs that the measured pages never examine "
            + "(the second ZRANGEBYSCORE of a page may return some of them; they are skipped, not described).\n");
    List<SweeperCurve.Row> rows = onTemporal(dir.resolve("temporal"), client -> new SweeperCurve(redis, redisUrl, batch,
        pageRepetitions, sweeps, client, ScaleCurves::log).run(registrySizes));
    return out.append('\n').append(sweeperTables(rows)).toString();
  }

  private String detection(ScaleRedis redis, String redisUrl, int batch, Path dir) {
    Duration interval = SweeperSettings.DEFAULTS.interval();
    List<DetectionCurve.Row> rows = onTemporal(dir.resolve("temporal-detection"), client -> new DetectionCurve(redis,
        redisUrl, batch, detectionSubjects, detectionRunning, threads, client, ScaleCurves::log).run(detectionSizes));
    return "## Detection: from Temporal ending a saga to its DLQ entry\n\n"
        + "Per registry size, " + detectionSubjects + " sagas terminated and " + detectionSubjects + " that reach a "
        + "run timeout of " + ScaleTables.span(DetectionCurve.RUN_TIMEOUT) + ", each the registry's youngest entry "
        + "with its CreateOrder step recorded. The real RedisSweeperActivities.sweep on " + stack.engine().label()
        + ", back to back from just before the close (batch " + batch + "), each sweep carrying the visibility "
        + "watermark the last returned; the walk stays on the registry's first page of running sagas, so "
        + "visibility alone finds the subject. Times from the server's close time. The at-most column: the next "
        + "sweep begins within one interval (" + ScaleTables.span(interval) + ", the default) of the close, plus "
        + "the slowest close-to-DLQ measured; the walk alone reads the registry first, " + batch + " entries a "
        + "sweep.\n\n" + ScaleTables.detection(rows, interval) + '\n';
  }

  /** A client of a fresh Temporal engine for the call, stopped after it. */
  private <T> T onTemporal(Path dir, Function<WorkflowClient, T> call) {
    try (TemporalEngine engine = stack.startEngine(dir)) {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(engine.address()).build());
      try {
        return call.apply(StackCodec.client(stubs));
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  private static String sweeperTables(List<SweeperCurve.Row> rows) {
    StringBuilder out = new StringBuilder(ScaleTables.sweeper(rows)).append('\n');
    ScaleTables.pageGrowth(rows).forEach((position, ratio) -> out.append("Page read at the largest registry over "
        + "the smallest, ").append(position).append(": ").append(ScaleTables.number(ratio)).append("x\n"));
    return out.append('\n').toString();
  }

  private static void log(String line) {
    System.err.println("[scale] " + line);
  }
}
