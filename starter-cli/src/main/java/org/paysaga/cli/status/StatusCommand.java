package org.paysaga.cli.status;

import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.connect.Connections;
import org.paysaga.cli.connect.TemporalConnection;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.errors.Failures;
import org.paysaga.saga.TemporalUi;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.output.SagaText;
import org.paysaga.cli.output.SagaView;
import org.paysaga.dlq.DlqStore;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code saga status}: a saga's status and each step's, from the state query or its result. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga status <paymentNo|workflowId> [GLOBAL OPTIONS]",
    description = {"Show a saga's status and each step's status, attempts and last error.",
        "Read with the state query while the saga is open, from its result once it is closed, from Temporal's "
            + "close status when Temporal ended it. Says so when the saga is in the DLQ."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga status P1001",
        "  saga status payment-P1001 --json",
        "",
        "Exit codes: 0 shown; 2 bad argument; 3 no such saga; 4 Temporal unreachable."})
public final class StatusCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  SagaArgument saga;

  @Override
  public Integer call() {
    String sagaId = saga.sagaId();
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    TemporalConnection temporal = context.connections().temporal();
    SagaInspector.Inspection inspection = new SagaInspector(temporal).inspect(sagaId);
    SagaState state = inspection.state();
    String historyUrl = TemporalUi.historyLink(context.options().uiUrl(), temporal.namespace(), sagaId, inspection.runId());
    boolean inDlq = state.status() == SagaStatus.DLQ
        || (!inspection.open() && inspection.compensationWorkflowId() == null && state.status() == SagaStatus.FAILED
            && sweptIntoDlq(context, sagaId));

    SagaText.print(output, state);
    output.blank();
    if (inDlq) {
      output.line(inspection.open()
          ? "The saga waits in the dead-letter queue for an operator: saga dlq show " + sagaId
          : "Temporal ended the saga with compensations outstanding; it is in the dead-letter queue: saga dlq show "
              + sagaId);
    }
    output.line(switch (inspection.source()) {
      case "query" -> inspection.open()
          ? "Read with the state query: the saga is open (workflow " + inspection.workflowStatus() + ")."
          : "Read with the state query of the closed saga (workflow " + inspection.workflowStatus() + ").";
      case "result" -> "Read from the workflow result: the saga is closed (workflow "
          + inspection.workflowStatus() + ").";
      case "compensation" -> "Temporal ended the saga (workflow " + inspection.workflowStatus() + "); an operator's"
          + " dlq retry carries it on in " + inspection.compensationWorkflowId() + ", whose state this is"
          + " (saga history " + inspection.compensationWorkflowId() + ").";
      default -> "Temporal closed the workflow without a result (" + inspection.workflowStatus() + ").";
    });
    if (!inspection.searchAttributes().isEmpty()) {
      output.line("Search attributes: " + inspection.searchAttributes().entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
    }
    output.line("Temporal UI: " + historyUrl);
    output.result(new StatusResult(sagaId, inspection.runId(), inspection.workflowStatus(), inspection.open(),
        inspection.source(), inDlq, SagaView.of(state), inspection.searchAttributes(),
        inspection.compensationWorkflowId(), historyUrl));
    return ExitCodes.OK;
  }

  /**
   * Whether the sweeper moved a saga Temporal ended into the DLQ: only Redis knows. Best effort:
   * when Redis does not answer, the status is still shown, with a note.
   */
  private static boolean sweptIntoDlq(CliContext context, String sagaId) {
    try {
      return new DlqStore(context.connections().redis().commands(), context.options().keyspace()).get(sagaId).isPresent();
    } catch (RuntimeException e) {
      context.output().note("note: could not check the DLQ: " + Failures.describe(e,
          Connections.endpoints(context.options())).message());
      return false;
    }
  }
}
