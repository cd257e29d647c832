package org.paysaga.cli.dlq;

import java.util.concurrent.Callable;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.errors.CliException;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Output;
import org.paysaga.dlq.DlqService;
import org.paysaga.saga.DlqEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code saga dlq remove}: delete an entry; never silently one whose saga still waits. */
@Command(name = "remove", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga dlq remove <id> [--force] [GLOBAL OPTIONS]",
    description = {"Delete a DLQ entry.",
        "An entry whose saga still waits for retry or resolve is refused (the saga would wait forever, unseen): "
            + "resolve it instead, or remove it anyway with --force."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga dlq remove payment-P1001",
        "  saga dlq remove payment-P1001 --force",
        "",
        "Exit codes: 0 removed; 1 refused (the saga waits; use --force); 2 bad argument; 3 no such entry; "
            + "4 Temporal or Redis unreachable."})
public final class DlqRemoveCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DlqEntryArgument argument;

  @Option(names = "--force", description = "Remove it even though its saga still waits for an operator.")
  boolean force;

  @Override
  public Integer call() {
    String id = argument.entryId();
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    DlqService dlq = DlqAccess.service(context, true);
    DlqEntry entry = DlqAccess.onEntry(id, () -> dlq.show(id));
    boolean waiting = dlq.waiting(entry);
    if (waiting && !force) {
      throw CliException.failed("refused: saga " + id + " still waits in the DLQ for an operator (workflow "
          + entry.workflowId() + "); resolve it with saga dlq resolve " + id + " --note \"...\", "
          + "or remove the entry anyway with --force", null);
    }
    DlqAccess.onEntry(id, () -> {
      dlq.remove(id, force);
      return null;
    });
    output.line("Removed the DLQ entry of " + id + (waiting
        ? " (forced: workflow " + entry.workflowId() + " still waits for a signal)." : "."));
    output.result(new DlqRemoveResult(id, true, waiting));
    return ExitCodes.OK;
  }
}
