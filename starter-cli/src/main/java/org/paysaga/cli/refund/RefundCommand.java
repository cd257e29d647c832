package org.paysaga.cli.refund;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.DurationConverter;
import org.paysaga.cli.connect.TemporalConnection;
import org.paysaga.cli.errors.CliException;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Formats;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.output.SagaText;
import org.paysaga.cli.output.SagaView;
import org.paysaga.cli.status.SagaInspector;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.Money;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.refund.RefundRequest;
import org.paysaga.saga.SagaStart;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.TemporalUi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code saga refund}: refund all or part of a completed payment, as a refund saga of its own. */
@Command(name = "refund", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga refund <paymentNo> [--amount=AMOUNT] [--refund-no=R] [--wait [--timeout=DURATION]]"
        + " [GLOBAL OPTIONS]",
    description = {"Refund a COMPLETED payment, all of it or part: the merchant is debited, then the card refunded.",
        "Each refund is its own saga (refund-<R>) with the barrier, recovery and DLQ of any saga; the payment "
            + "services never let the refunds of one payment pass its charge, concurrent refunds included."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga refund P1001                       # the whole payment",
        "  saga refund P1001 --amount 2.50 --wait  # part of it, and follow the refund to its end",
        "",
        "Exit codes: 0 started (or already there); with --wait 0 only when it ended COMPLETED, else 1; "
            + "2 bad input or a payment that did not complete (nothing started); 3 no such payment; "
            + "4 Temporal unreachable."})
public final class RefundCommand implements Callable<Integer> {
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
  private static final Map<String, String> OPTION_OF_FIELD =
      Map.of("paymentNo", "<paymentNo>", "refundNo", "--refund-no", "amount", "--amount");

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<paymentNo>", description = "The payment to refund (P1001 or payment-P1001).")
  String paymentNo;

  @Option(names = "--amount", paramLabel = "AMOUNT", order = 1,
      description = "Decimal amount in the payment's currency, e.g. 2.50 (default: the whole payment).")
  String amount;

  @Option(names = "--refund-no", paramLabel = "R", order = 2,
      description = "The refund's number: 1-64 letters, digits, '-' or '_' (default: <paymentNo>-r<8 hex>). "
          + "A refund number runs once: give one to make a retried command safe.")
  String refundNo;

  @Option(names = "--wait", order = 3, description = "Follow the refund to its end (exit 1 unless COMPLETED).")
  boolean await;

  @Option(names = "--timeout", paramLabel = "DURATION", order = 4, defaultValue = "10m",
      converter = DurationConverter.class, description = "How long --wait waits (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    if (amount != null && !DECIMAL.matcher(amount.strip()).matches()) {
      throw CliException.badInput("--amount", "must be a positive decimal such as 2.50");
    }
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    TemporalConnection temporal = context.connections().temporal();
    PaymentSagaClient payments = temporal.payments();

    RefundRequest request = input(() -> {
      RefundRequest whole = payments.refundOf(paymentNo, refundNo, null);
      return amount == null ? whole : payments.refundOf(paymentNo, whole.refundNo(),
          Money.parse(amount.strip(), whole.payment().currency()));
    });
    String currency = request.payment().currency();
    String money = Money.format(request.amountToRefund(), currency);
    SagaStart start = payments.refund(request);
    String historyUrl = TemporalUi.historyLink(context.options().uiUrl(), temporal.namespace(), start.sagaId(),
        start.runId());

    SagaState state = null;
    if (start.started()) {
      output.line("Started refund " + request.refundNo() + " of " + money + " " + currency + " from payment "
          + request.payment().paymentNo() + ": saga " + start.sagaId() + ", run " + start.runId() + ".");
    } else {
      state = new SagaInspector(temporal).inspect(start.sagaId()).state();
      output.line("Refund " + request.refundNo() + " already ran: saga " + start.sagaId() + " is " + state.status()
          + ". Nothing was started.");
    }
    boolean timedOut = false;
    if (await && (state == null || !state.status().isTerminal())) {
      output.note("Waiting up to " + Formats.duration(timeout.toMillis()) + " for saga " + start.sagaId() + " to end...");
      try {
        state = payments.await(start.sagaId(), timeout);
      } catch (TimeoutException e) {
        timedOut = true;
        state = SagaInspector.state(temporal, start.sagaId());
        output.note("Gave up waiting: the refund is still " + state.status() + ".");
      }
    }
    if (state != null) {
      output.blank();
      SagaText.print(output, state);
    }
    output.blank();
    output.line("Look closer: saga status " + start.sagaId() + "   saga history " + start.sagaId());
    output.line("Temporal UI: " + historyUrl);

    String status = state == null ? SagaStatus.RUNNING.name() : state.status().name();
    output.result(new RefundResult(request.payment().paymentNo(), request.refundNo(), start.sagaId(), start.runId(),
        money, currency, start.started(), await, timedOut, status, state == null ? null : SagaView.of(state),
        historyUrl));
    if (await) {
      return state != null && state.status() == SagaStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }

  /** Bad input names the option the user typed (exit 2); nothing is started. */
  private static RefundRequest input(java.util.function.Supplier<RefundRequest> request) {
    try {
      return request.get();
    } catch (InvalidPaymentRequestException e) {
      throw CliException.badInput(e, OPTION_OF_FIELD);
    }
  }
}
