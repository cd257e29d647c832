package org.paysaga.cli.history;

import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowExecutionDescription;
import java.util.List;
import java.util.concurrent.Callable;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.connect.TemporalConnection;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.saga.TemporalUi;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.output.Table;
import org.paysaga.cli.status.SagaInspector;
import org.paysaga.cli.status.SagaArgument;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code saga history}: the saga's event history and its link in the Temporal UI. */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga history <paymentNo|workflowId> [--all] [GLOBAL OPTIONS]",
    description = {"Print a saga's event history and its link in the Temporal UI.",
        "One row per event: time, event, activity, attempt, failure message. Workflow task bookkeeping is left "
            + "out unless --all."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga history P1001",
        "  saga history payment-P1001 --all",
        "  saga history P1001 --json | jq '.events[] | select(.failure != null)'",
        "",
        "Exit codes: 0 shown; 2 bad argument; 3 no such saga; 4 Temporal unreachable."})
public final class HistoryCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SagaArgument saga;

  @Option(names = "--all", description = "Also show workflow task events (scheduled, started, completed).")
  boolean all;

  @Override
  public Integer call() {
    String sagaId = saga.sagaId();
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    TemporalConnection temporal = context.connections().temporal();

    WorkflowExecutionDescription description =
        SagaInspector.describe(sagaId, temporal.client().newUntypedWorkflowStub(sagaId));
    String runId = description.getExecution().getRunId();
    List<HistoryEvent> events = temporal.client().fetchHistory(sagaId, runId).getEvents();
    List<EventRow> rows = HistoryEvents.rows(events, all, temporal.client().getOptions().getDataConverter());
    String historyUrl = TemporalUi.historyLink(context.options().uiUrl(), temporal.namespace(), sagaId, runId);
    String workflowStatus = SagaInspector.shortName(description.getStatus());

    output.line("History of saga " + sagaId + ", run " + runId + " (workflow " + workflowStatus + ", "
        + events.size() + " events)");
    output.blank();
    Table table = Table.of("ID", "TIME", "EVENT", "ACTIVITY", "ATTEMPT", "FAILURE / DETAIL").alignRight("ID", "ATTEMPT");
    for (EventRow row : rows) {
      String activity = row.activity();
      String note = row.failure() == null ? row.detail()
          : row.detail() == null ? row.failure() : row.failure() + " (" + row.detail() + ")";
      table.row(row.id(), row.time(), row.event(), activity, row.attempt(), note);
    }
    output.table(table);
    int hidden = events.size() - rows.size();
    if (hidden > 0) {
      output.line("(" + hidden + " workflow task events left out; --all shows them)");
    }
    output.blank();
    output.line("Temporal UI: " + historyUrl);
    output.result(new HistoryResult(sagaId, runId, temporal.namespace(), workflowStatus, events.size(), hidden,
        rows, historyUrl));
    return ExitCodes.OK;
  }
}
