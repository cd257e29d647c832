package org.paysaga.reliability.chaos;

import org.paysaga.reliability.stack.StackCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.providers.postgres.PostgresLedgerAudit;
import org.paysaga.reliability.stack.OptionChecks;
import org.paysaga.reliability.stack.StackOptions;
import org.paysaga.reliability.stack.TemporalDevServerProcess;
import org.paysaga.saga.SagaReader;
import org.paysaga.testsupport.Waits;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;

/**
 * The chaos run: real processes, N payments over the sandbox's paths, a worker killed twice, the
 * Temporal server (on the dev server) and Redis restarted once while they run, then an audit of
 * every payment. Exit 0 only when every
 * promise held and every figure met its target. docs/reliability.md explains it.
 */
@Command(name = "chaos-run", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Runs payments against the real worker jar while killing a worker and restarting Redis, "
        + "then audits every payment.")
public final class ChaosRun implements Callable<Integer> {
  static final int QUICK_PAYMENTS = 200;

  @Option(names = "--payments", description = "Payments to run (default: ${DEFAULT-VALUE}).", defaultValue = "1000")
  int payments;

  @Option(names = "--quick", description = "The CI variant: " + QUICK_PAYMENTS + " payments.")
  boolean quick;

  @Option(names = "--rate", description = "Payments started per second (default: ${DEFAULT-VALUE}).", defaultValue = "5")
  double rate;

  @Option(names = "--seed", description = "Seed of the payments' order and amounts (default: ${DEFAULT-VALUE}).",
      defaultValue = "20261123")
  long seed;

  @Option(names = "--providers", converter = Providers.Converter.class, defaultValue = "sandbox",
      description = "The workers' payment services: sandbox (Redis, the default) or postgres,http (orders and "
          + "ledger on a PostgreSQL of the run's own, the channel over HTTP to the PSP simulator); the latter "
          + "adds a PostgreSQL restart, a simulator SIGKILL and Redis losing its data to the faults.")
  Providers providers;

  @Mixin
  StackOptions stackOptions;

  @Spec
  CommandSpec spec;

  @Option(names = "--settle-timeout", description = "How long sagas may take to end after the last start, "
      + "in seconds (default: ${DEFAULT-VALUE}).", defaultValue = "240")
  long settleTimeoutSeconds;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ChaosRun()).execute(args));
  }

  @Override
  public Integer call() {
    new OptionChecks(spec).atLeast("--payments", payments, 1).positive("--rate", rate)
        .atLeast("--settle-timeout", settleTimeoutSeconds, 1);
    int count = quick ? QUICK_PAYMENTS : payments;
    String runTag = Long.toString(System.currentTimeMillis(), 36);
    Path dir = stackOptions.workDir("chaos", runTag);
    RunLog log = new RunLog();
    List<PlannedPayment> plan = ChaosPlan.of(count, runTag, seed, ChaosStack.SLOW_CHARGE_SECONDS);
    log.line("chaos run " + runTag + ": " + count + " payments at " + rate + "/s, seed " + seed + ", logs in " + dir);
    log.line("mix: " + ChaosPlan.shares(count));
    log.line("providers: " + providers.label());
    if (providers == Providers.POSTGRES_HTTP) {
      try (ProviderStack real = ProviderStack.start(dir)) {
        log.line("providers up: " + real.describe());
        return run(count, plan, dir, log, real);
      }
    }
    return run(count, plan, dir, log, null);
  }

  /** @param real the real providers, {@code null} on the sandbox */
  private int run(int count, List<PlannedPayment> plan, Path dir, RunLog log, ProviderStack real) {
    Map<String, String> providerSettings = real == null ? Map.of() : real.workerSettings();
    try (ChaosStack stack = ChaosStack.start(dir, stackOptions, providerSettings)) {
      log.line("stack up: " + stack.temporal().kind().label() + " " + stack.temporalAddress() + ", Redis "
          + stack.redisUrl() + " (append-only), worker-1 and worker-2");
      AtomicLong redisLostDataAt = new AtomicLong(PaymentAuditor.NO_DLQ_LOSS);
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporalAddress()).build());
      try {
        WorkflowClient client = StackCodec.client(stubs);
        List<String> notStarted;
        List<String> faultErrors;
        try (FaultInjector injector = new FaultInjector(log::line)) {
          notStarted = new PaymentDriver(new PaymentSagaClient(client), rate, log::line)
              .run(plan, real == null ? faults(count, stack) : faults(count, stack, real, redisLostDataAt), injector);
          log.line("all " + count + " payments started (" + notStarted.size() + " could not be)");
          faultErrors = injector.awaitAll(Duration.ofMinutes(5));
        }
        // A payment that could not be started has no saga: the audit counts it as missing.
        notStarted.forEach(failure -> log.line("not started: " + failure));
        List<PlannedPayment> open = new Settlement(new SagaReader(client), log::line)
            .await(plan, Duration.ofSeconds(settleTimeoutSeconds));
        log.line(open.isEmpty() ? "every saga ended or parked" : open.size() + " sagas did not settle in time");
        return report(plan, client, stack.redisUrl(), faultErrors, log, real, redisLostDataAt.get());
      } finally {
        stubs.shutdownNow();
      }
    }
  }

  /**
   * Worker-2 killed at a fifth and at four fifths of the starts, Redis restarted at three fifths;
   * on the dev server, the Temporal server itself killed at two fifths and restarted on its SQLite
   * file (the Java test server keeps everything in memory: a kill would lose every saga).
   */
  static List<Fault> faults(int count, ChaosStack stack) {
    Runnable killWorker = () -> {
      stack.victim().process().kill();
      Waits.pause(ChaosStack.WORKER_RESTART_DELAY);
      stack.victim().startAndAwaitHealthy();
    };
    List<Fault> faults = new ArrayList<>();
    faults.add(new Fault(count / 5, "SIGKILL worker-2, restart it 5 s later", killWorker));
    if (stack.temporal() instanceof TemporalDevServerProcess server) {
      faults.add(new Fault(count * 2 / 5, "SIGKILL the Temporal server, restart it 3 s later on its SQLite file",
          () -> server.killAndRestart(Duration.ofSeconds(3))));
    }
    faults.add(new Fault(count * 3 / 5, "SIGKILL redis-server, restart it 3 s later on its append-only file",
        () -> stack.redis().killAndRestart(Duration.ofSeconds(3))));
    faults.add(new Fault(count * 4 / 5, "SIGKILL worker-2 again, restart it 5 s later", killWorker));
    return faults;
  }

  /**
   * The sandbox's faults, and on the real providers: PostgreSQL restarted at three tenths of the
   * starts, the simulator SIGKILLed at half, and Redis losing its data at seven tenths (killed, its
   * AOF deleted, started empty on its port, as after a failover to a replica that missed the last
   * writes); {@code redisLostDataAt} gets the time it answered again.
   */
  static List<Fault> faults(int count, ChaosStack stack, ProviderStack real, AtomicLong redisLostDataAt) {
    List<Fault> faults = new ArrayList<>(faults(count, stack));
    faults.add(new Fault(count * 3 / 10, "stop PostgreSQL (fast shutdown), start it 3 s later on its data",
        () -> real.restartPostgres(Duration.ofSeconds(3))));
    faults.add(new Fault(count / 2, "SIGKILL the psp-simulator, restart it 3 s later on its journal",
        () -> real.killAndRestartSimulator(Duration.ofSeconds(3))));
    faults.add(new Fault(count * 7 / 10, "SIGKILL redis-server, delete its data, restart it empty 3 s later",
        () -> {
          stack.redis().killWipeAndRestart(Duration.ofSeconds(3));
          redisLostDataAt.set(System.currentTimeMillis());
        }));
    faults.sort(java.util.Comparator.comparingInt(Fault::atPayment));
    return faults;
  }

  private static int report(List<PlannedPayment> plan, WorkflowClient client, String redisUrl,
      List<String> faultErrors, RunLog log, ProviderStack real, long redisLostDataAt) {
    RedisClient redisClient = RedisClient.create(redisUrl);
    try (StatefulRedisConnection<String, String> connection = redisClient.connect()) {
      SimulatorRecords simulator = real == null ? null : SimulatorRecords.parse(real.simulator().audit());
      MoneyRecords money = real == null ? null
          : new ProviderRecords(LedgerRecords.read(real.services().dataSource()), simulator);
      RunAudit audit = new RunAudit(new SagaReader(client), connection.sync(), money, redisLostDataAt);
      List<Verdict> verdicts = audit.verdicts(plan);
      List<Figure> figures = new ArrayList<>(
          ChaosFigures.of(verdicts, audit.unknownLedgerKeys(plan), audit.inflightLeft(), faultErrors));
      if (real != null) {
        PostgresLedgerAudit.Report ledger = real.services().audit().run();
        log.line(ledger.summary());
        figures.addAll(ProviderFigures.of(ledger, simulator, audit.dlqEntriesLost()));
      }
      ChaosReport report = new ChaosReport(verdicts, figures, faultErrors);
      System.out.println(report.render());
      log.line(report.passed() ? "PASSED: every payment is sound and every figure met its target"
          : "FAILED: see the violations above");
      return report.passed() ? 0 : 1;
    } finally {
      redisClient.shutdown();
    }
  }
}
