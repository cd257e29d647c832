package org.paysaga.cli.dlq;

import java.util.List;
import java.util.concurrent.Callable;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.errors.CliException;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.output.Table;
import org.paysaga.dlq.DlqService;
import org.paysaga.saga.DlqEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code saga dlq list}: the entries, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga dlq list [--limit=N] [--offset=N] [GLOBAL OPTIONS]",
    description = "List the sagas in the dead-letter queue, newest first.",
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga dlq list",
        "  saga dlq list --limit 5 --offset 5",
        "  saga dlq list --json | jq -r '.entries[].sagaId'",
        "",
        "Exit codes: 0 listed (also when empty); 2 bad option; 4 Redis unreachable."})
public final class DlqListCommand implements Callable<Integer> {
  static final int MAX_LIMIT = 1000;
  private static final int REASON_WIDTH = 70;

  @Spec
  CommandSpec spec;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", order = 1,
      description = "Most entries to show, 1-" + MAX_LIMIT + " (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0", order = 2,
      description = "Entries to skip, newest first (default ${DEFAULT-VALUE}).")
  int offset;

  @Override
  public Integer call() {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw CliException.badInput("--limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    if (offset < 0) {
      throw CliException.badInput("--offset", "must not be negative, was " + offset);
    }
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    DlqService dlq = DlqAccess.service(context, false);
    long total = dlq.size();
    List<DlqEntry> entries = dlq.list(offset, limit);

    if (entries.isEmpty()) {
      output.line(total == 0 ? "The dead-letter queue is empty." : "No entries past offset " + offset + " (" + total
          + " in all).");
    } else {
      Table table = Table.of("ID", "TYPE", "KEY", "SOURCE", "RETRIES", "IN DLQ SINCE", "REASON").alignRight("RETRIES");
      for (DlqEntry entry : entries) {
        DlqEntrySummary summary = DlqEntrySummary.of(entry);
        table.row(summary.sagaId(), summary.sagaType(), summary.businessKey(), summary.source(), summary.retries(),
            summary.dlqAt(), shorten(summary.reason()));
      }
      output.table(table);
      output.blank();
      output.line(entries.size() + " of " + total + " entries, newest first. Every field: saga dlq show <ID>");
    }
    output.result(new DlqListResult(total, offset, limit, entries.stream().map(DlqEntrySummary::of).toList()));
    return ExitCodes.OK;
  }

  private static String shorten(String text) {
    if (text == null || text.length() <= REASON_WIDTH) {
      return text;
    }
    return text.substring(0, REASON_WIDTH - 3) + "...";
  }
}
