package org.paysaga.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.DurationConverter;
import org.paysaga.cli.connect.TemporalConnection;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Formats;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.output.SagaView;
import org.paysaga.cli.output.Table;
import org.paysaga.cli.pay.PaymentInput;
import org.paysaga.cli.status.SagaInspector;
import org.paysaga.payment.CardTokens;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code saga demo}: one saga per sandbox path with fresh payment numbers, then a summary table. */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga demo [--merchant=M] [--amount=AMOUNT] [--currency=CUR] [--timeout=DURATION] [GLOBAL OPTIONS]",
    description = {
        "Run one saga per sandbox path and summarise them.",
        "The paths: success, decline, flaky then success, flaky exhausted, frozen merchant, refund failure heading "
            + "for recovery; each with a fresh payment number. Waits for those that end quickly, then prints a "
            + "summary table and the commands to look closer.",
        "Needs a worker with the sandbox services on the task queue (the worker app's local profile)."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga demo",
        "  saga demo --json | jq -r '.sagas[] | [.path, .status] | @tsv'",
        "",
        "Exit codes: 0 every saga reached its path's status; 1 one did not (or --timeout passed); "
            + "4 Temporal unreachable."})
public final class DemoCommand implements Callable<Integer> {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final EnumSet<SagaStatus> MOVING = EnumSet.of(SagaStatus.RUNNING, SagaStatus.COMPENSATING);

  @Spec
  CommandSpec spec;

  @Option(names = "--merchant", paramLabel = "M", defaultValue = "m_demo", order = 1,
      description = "Merchant of the paths that need no special one (default ${DEFAULT-VALUE}).")
  String merchant;

  @Option(names = "--amount", paramLabel = "AMOUNT", defaultValue = "12.34", order = 2,
      description = "Amount of each payment (default ${DEFAULT-VALUE}).")
  String amount;

  @Option(names = "--currency", paramLabel = "CUR", defaultValue = "CNY", order = 3,
      description = "Currency of each payment (default ${DEFAULT-VALUE}).")
  String currency;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "2m", order = 4,
      converter = DurationConverter.class,
      description = "How long to wait for the sagas to settle (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    Map<DemoPath, PaymentRequest> requests = new LinkedHashMap<>();
    for (DemoPath path : DemoPath.values()) {
      requests.put(path, PaymentInput.parse("demo-" + run + "-" + path.label(), path.merchant(merchant), amount,
          currency, path.cardToken()));
    }
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    TemporalConnection temporal = context.connections().temporal();
    PaymentSagaClient payments = temporal.payments();

    output.note("Starting " + requests.size() + " sagas (payment numbers demo-" + run + "-<path>)...");
    for (PaymentRequest request : requests.values()) {
      payments.start(request);
    }
    // A worker must be polling: its answer to one state query says so within seconds.
    SagaInspector.state(temporal, requests.get(DemoPath.SUCCESS).sagaId());
    output.note("Waiting up to " + Formats.duration(timeout.toMillis()) + " for them to settle "
        + "(the flaky paths back off 2, 4 and 8 s)...");
    List<DemoSaga> sagas = summarise(requests, settle(temporal, requests));
    boolean allAsExpected = sagas.stream().allMatch(DemoSaga::asExpected);
    List<String> commands = List.of(
        "saga status " + requests.get(DemoPath.REFUND_FAILURE).paymentNo(),
        "saga history " + requests.get(DemoPath.FLAKY_EXHAUSTED).paymentNo(),
        "saga history " + requests.get(DemoPath.FLAKY_THEN_SUCCESS).paymentNo(),
        "saga dlq list",
        "saga dlq show " + requests.get(DemoPath.REFUND_FAILURE).sagaId());

    output.table(table(sagas));
    output.blank();
    if (!allAsExpected) {
      output.line("Some sagas did not reach the status of their path (see STATUS).");
    }
    output.line("The refund-failure saga recovers on a timer and parks in the DLQ when recovery gives up.");
    output.line("Look closer:");
    commands.forEach(command -> output.line("  " + command));
    output.result(new DemoResult(sagas, allAsExpected, commands));
    return allAsExpected ? ExitCodes.OK : ExitCodes.FAILED;
  }

  /** Waits (until --timeout) for the quick paths to end and the others to settle; their states. */
  private Map<DemoPath, SagaState> settle(TemporalConnection temporal, Map<DemoPath, PaymentRequest> requests) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    Map<DemoPath, SagaState> states = new LinkedHashMap<>();
    requests.forEach((path, request) -> states.put(path, path.endsQuickly()
        ? awaitEnd(temporal, request.sagaId(), deadline)
        : awaitSettled(temporal, request.sagaId(), deadline)));
    return states;
  }

  private static List<DemoSaga> summarise(Map<DemoPath, PaymentRequest> requests, Map<DemoPath, SagaState> states) {
    List<DemoSaga> sagas = new ArrayList<>();
    states.forEach((path, state) -> {
      PaymentRequest request = requests.get(path);
      sagas.add(new DemoSaga(path.label(), request.paymentNo(), request.sagaId(), CardTokens.mask(request.cardToken()),
          request.merchantId(), state.status().name(), path.expected().stream().map(Enum::name).sorted().toList(),
          path.expected().contains(state.status()), SagaView.stepsSucceeded(state),
          SagaView.compensations(state, StepStatus.SUCCEEDED), SagaView.compensations(state, StepStatus.FAILED),
          SagaView.duration(state)));
    });
    return sagas;
  }

  private static Table table(List<DemoSaga> sagas) {
    Table table = Table.of("PAYMENT", "PATH", "STATUS", "STEPS", "COMPENSATIONS", "DURATION").alignRight("DURATION");
    for (DemoSaga saga : sagas) {
      table.row(saga.paymentNo(), saga.path(), saga.status() + (saga.asExpected() ? "" : " (unexpected)"),
          saga.stepsSucceeded() + "/" + PaymentSteps.ALL.size(), compensations(saga),
          Formats.duration(saga.durationMillis()));
    }
    return table;
  }

  private static String compensations(DemoSaga saga) {
    if (saga.compensationsFailed() > 0) {
      return saga.compensationsSucceeded() + " done, " + saga.compensationsFailed() + " failed";
    }
    return saga.compensationsSucceeded() == 0 ? "-" : saga.compensationsSucceeded() + " done";
  }

  private static SagaState awaitEnd(TemporalConnection temporal, String sagaId, long deadline) {
    long left = deadline - System.currentTimeMillis();
    if (left > 0) {
      try {
        return temporal.payments().await(sagaId, Duration.ofMillis(left));
      } catch (TimeoutException e) {
        // Report where it got to.
      }
    }
    return SagaInspector.state(temporal, sagaId);
  }

  /** Follows a saga that does not end quickly until it leaves RUNNING and COMPENSATING. */
  private static SagaState awaitSettled(TemporalConnection temporal, String sagaId, long deadline) {
    SagaState state = SagaInspector.state(temporal, sagaId);
    while (MOVING.contains(state.status()) && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      state = SagaInspector.state(temporal, sagaId);
    }
    return state;
  }
}
