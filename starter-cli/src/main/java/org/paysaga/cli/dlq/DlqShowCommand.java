package org.paysaga.cli.dlq;

import java.util.concurrent.Callable;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Json;
import org.paysaga.saga.TemporalUi;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.output.SagaText;
import org.paysaga.cli.output.Table;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code saga dlq show}: every field of one entry. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga dlq show <id> [GLOBAL OPTIONS]",
    description = {"Show every field of a DLQ entry.",
        "Why it is there, every failure on the way, each step, the saga's input, and what to do next."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga dlq show payment-P1001",
        "  saga dlq show P1001 --json",
        "",
        "Exit codes: 0 shown; 2 bad argument; 3 no such entry; 4 Redis unreachable."})
public final class DlqShowCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DlqEntryArgument argument;

  @Override
  public Integer call() {
    String id = argument.entryId();
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    DlqEntry entry = DlqAccess.onEntry(id, () -> DlqAccess.service(context, false).show(id));
    DlqEntryDetail detail = DlqEntryDetail.of(entry);
    String historyUrl = TemporalUi.historyLink(context.options().uiUrl(), context.options().namespace(),
        entry.workflowId(), entry.runId());

    Table fields = Table.of("FIELD", "VALUE");
    fields.row("saga", detail.sagaId() + " (" + detail.sagaType() + ", key " + detail.businessKey() + ")");
    fields.row("waiting workflow", detail.workflowId() + ", run " + detail.runId());
    fields.row("source", detail.source() + (detail.sagaWaiting()
        ? " (the saga waits for retry or resolve)" : " (Temporal ended the saga; retry starts a compensation)"));
    fields.row("reason", detail.reason());
    fields.row("first failure at", detail.firstFailureAt());
    fields.row("in DLQ since", detail.dlqAt());
    fields.row("operator retries", detail.retries());
    detail.attributes().forEach((name, value) -> fields.row(name, value));
    fields.row("input", detail.input() == null ? null : Json.write(detail.input()));
    output.table(fields);
    output.blank();
    output.line("Failures, oldest first:");
    for (int i = 0; i < detail.failureChain().size(); i++) {
      output.line("  " + (i + 1) + ". " + detail.failureChain().get(i));
    }
    if (!entry.steps().isEmpty()) {
      output.blank();
      output.table(SagaText.steps(asState(entry)));
    }
    output.blank();
    output.line("Next: saga dlq retry " + id + "   |   saga dlq resolve " + id + " --note \"...\"");
    output.line("Temporal UI: " + historyUrl);
    output.result(new DlqShowResult(detail, historyUrl));
    return ExitCodes.OK;
  }

  private static SagaState asState(DlqEntry entry) {
    return new SagaState(entry.sagaId(), entry.sagaType(), entry.businessKey(), SagaStatus.DLQ, entry.steps(),
        entry.reason(), null, entry.firstFailureAtMillis(), entry.dlqAtMillis());
  }
}
