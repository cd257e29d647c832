package org.paysaga.cli.pay;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.DurationConverter;
import org.paysaga.cli.connect.TemporalConnection;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Formats;
import org.paysaga.saga.TemporalUi;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.output.SagaText;
import org.paysaga.cli.output.SagaView;
import org.paysaga.cli.status.SagaInspector;
import org.paysaga.payment.Money;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.saga.SagaStart;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code saga pay}: start a payment's saga (once per payment number, ever), optionally wait for it. */
@Command(name = "pay", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga pay --payment-no=P --merchant=M --amount=AMOUNT --currency=CUR --card-token=T"
        + " [--wait [--timeout=DURATION]] [GLOBAL OPTIONS]",
    description = {"Start a payment's saga; with --wait, follow it to its end.",
        "A payment number runs once, ever: paying it again starts nothing and reports the existing saga and its "
            + "status. The input is checked before anything starts or any connection is made."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga pay --payment-no P1001 --merchant m_shop --amount 12.34 --currency CNY --card-token tok_visa",
        "  saga pay --payment-no P1002 --merchant m_shop --amount 500 --currency JPY --card-token tok_decline --wait",
        "  saga pay --payment-no P1003 --merchant m_shop --amount 9.99 --currency USD --card-token tok_flaky_2 --wait --json",
        "",
        "Exit codes: 0 started (or already there); with --wait 0 only when it ended COMPLETED, else 1; "
            + "2 bad input (nothing started); 4 Temporal unreachable."})
public final class PayCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--payment-no", required = true, paramLabel = "P", order = 1,
      description = "Payment number: 1-64 letters, digits, '-' or '_'. The saga is payment-<P>.")
  String paymentNo;

  @Option(names = "--merchant", required = true, paramLabel = "M", order = 2,
      description = "Merchant to credit (sandbox: m_frozen refuses, m_flaky_<n> fails n times).")
  String merchant;

  @Option(names = "--amount", required = true, paramLabel = "AMOUNT", order = 3,
      description = "Decimal amount such as 12.34; positive, no more decimals than the currency has.")
  String amount;

  @Option(names = "--currency", required = true, paramLabel = "CUR", order = 4,
      description = "ISO 4217 currency code: CNY, USD, JPY...")
  String currency;

  @Option(names = "--card-token", required = true, paramLabel = "T", order = 5,
      description = "Card token (sandbox: tok_visa, tok_decline, tok_flaky_<n>, tok_slow_<s>, tok_refund_fail).")
  String cardToken;

  @Option(names = "--wait", order = 6,
      description = "Follow the saga to its end and print the outcome (exit 1 unless COMPLETED).")
  boolean await;

  @Option(names = "--timeout", paramLabel = "DURATION", order = 7, defaultValue = "10m",
      converter = DurationConverter.class,
      description = "How long --wait waits: 90s, 10m, 1h (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() {
    PaymentRequest request = PaymentInput.parse(paymentNo, merchant, amount, currency, cardToken);
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    TemporalConnection temporal = context.connections().temporal();

    SagaStart start = temporal.payments().start(request);
    String historyUrl = TemporalUi.historyLink(context.options().uiUrl(), temporal.namespace(), start.sagaId(), start.runId());
    String money = Money.format(request.amountMinor(), request.currency()) + " " + request.currency();

    SagaState state = null;
    if (start.started()) {
      output.line("Started saga " + start.sagaId() + " for payment " + request.paymentNo() + " (" + money
          + " to " + request.merchantId() + "), run " + start.runId() + ".");
    } else {
      state = new SagaInspector(temporal).inspect(start.sagaId()).state();
      output.line("Payment " + request.paymentNo() + " already ran: saga " + start.sagaId() + " (run "
          + start.runId() + ") is " + state.status() + ". Nothing was started.");
    }

    boolean timedOut = false;
    if (await && (state == null || !state.status().isTerminal())) {
      output.note("Waiting up to " + Formats.duration(timeout.toMillis()) + " for saga " + start.sagaId() + " to end...");
      try {
        state = temporal.payments().await(start.sagaId(), timeout);
      } catch (TimeoutException e) {
        timedOut = true;
        state = SagaInspector.state(temporal, start.sagaId());
        output.note("Gave up waiting after " + Formats.duration(timeout.toMillis()) + ": the saga is still "
            + state.status() + ".");
      }
    }

    if (state != null) {
      output.blank();
      SagaText.print(output, state);
    }
    output.blank();
    output.line("Look closer: saga status " + request.paymentNo() + "   saga history " + request.paymentNo());
    output.line("Temporal UI: " + historyUrl);

    String status = state == null ? SagaStatus.RUNNING.name() : state.status().name();
    output.result(new PayResult(request.paymentNo(), start.sagaId(), start.runId(), start.started(), await,
        timedOut, status, state == null ? null : SagaView.of(state), historyUrl));
    if (await) {
      return state != null && state.status() == SagaStatus.COMPLETED ? ExitCodes.OK : ExitCodes.FAILED;
    }
    return ExitCodes.OK;
  }
}
