package org.paysaga.cli.dlq;

import java.util.concurrent.Callable;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Output;
import org.paysaga.dlq.RetryOutcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code saga dlq retry}: run the entry's outstanding compensations again. */
@Command(name = "retry", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga dlq retry <id> [GLOBAL OPTIONS]",
    description = {"Run the outstanding compensations of a DLQ entry again.",
        "A saga that parked itself is signalled (retryCompensation); for a saga Temporal ended, a compensation "
            + "workflow is started. If they fail again, the saga parks again with one more retry counted."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga dlq retry payment-P1001",
        "  saga dlq retry P1001 --json",
        "",
        "Exit codes: 0 retry under way; 1 it could not be started; 2 bad argument; 3 no such entry; "
            + "4 Temporal or Redis unreachable."})
public final class DlqRetryCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DlqEntryArgument argument;

  @Override
  public Integer call() {
    String id = argument.entryId();
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    RetryOutcome outcome = DlqAccess.onEntry(id, () -> DlqAccess.service(context, true).retry(id));
    DlqRetryResult result = DlqRetryResult.of(id, outcome);
    output.line(result.message());
    output.line("Follow it: saga status " + id + "   saga history " + result.workflowId());
    output.result(result);
    return ExitCodes.OK;
  }
}
