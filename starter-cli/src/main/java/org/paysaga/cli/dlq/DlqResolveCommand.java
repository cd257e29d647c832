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

/** {@code saga dlq resolve}: close a parked saga by hand, with a note. */
@Command(name = "resolve", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga dlq resolve <id> --note=TEXT [GLOBAL OPTIONS]",
    description = {"Close a saga in the DLQ by hand, with a note.",
        "After fixing what it left behind: the saga ends RESOLVED with the note in its final state, and leaves "
            + "the DLQ."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga dlq resolve payment-P1001 --note \"refunded by bank transfer, ticket OPS-7\"",
        "",
        "Exit codes: 0 resolved; 1 it could not be; 2 bad argument or note; 3 no such entry; "
            + "4 Temporal or Redis unreachable."})
public final class DlqResolveCommand implements Callable<Integer> {
  static final int MAX_NOTE = 1000;

  @Spec
  CommandSpec spec;

  @Mixin
  DlqEntryArgument argument;

  @Option(names = "--note", required = true, paramLabel = "TEXT",
      description = "What was done by hand, for the record (required, at most " + MAX_NOTE + " characters).")
  String note;

  @Override
  public Integer call() {
    String id = argument.entryId();
    if (note == null || note.isBlank()) {
      throw CliException.badInput("--note", "must not be blank: say what was done by hand");
    }
    if (note.length() > MAX_NOTE) {
      throw CliException.badInput("--note", "must be at most " + MAX_NOTE + " characters, was " + note.length());
    }
    String text = note.strip();
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    DlqService dlq = DlqAccess.service(context, true);
    DlqEntry entry = DlqAccess.onEntry(id, () -> dlq.show(id));
    DlqAccess.onEntry(id, () -> {
      dlq.resolve(id, text);
      return null;
    });
    output.line("Resolved " + id + ": the saga ends RESOLVED with the note \"" + text + "\".");
    output.line("Check: saga status " + id);
    output.result(new DlqResolveResult(id, entry.workflowId(), text));
    return ExitCodes.OK;
  }
}
