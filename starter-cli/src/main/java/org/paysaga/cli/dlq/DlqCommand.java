package org.paysaga.cli.dlq;

import java.util.concurrent.Callable;
import org.paysaga.cli.errors.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code saga dlq}: the dead-letter queue of sagas that could not finish. */
@Command(name = "dlq", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga dlq COMMAND [ARGS] [GLOBAL OPTIONS]",
    description = {"Work the dead-letter queue of sagas that could not finish.",
        "Sagas whose compensation could not finish wait here for an operator, who retries them, resolves them by "
            + "hand with a note, or removes the entry."},
    subcommands = {
        DlqListCommand.class,
        DlqShowCommand.class,
        DlqRetryCommand.class,
        DlqResolveCommand.class,
        DlqRemoveCommand.class,
        DlqSizeCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga dlq list --limit 10",
        "  saga dlq show payment-P1001",
        "  saga dlq retry payment-P1001",
        "  saga dlq resolve payment-P1001 --note \"refunded by bank transfer, ticket OPS-7\"",
        "  saga dlq size --json"})
public final class DlqCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  /** {@code saga dlq} alone: the usage, and exit 2 (a command is required). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
