package org.paysaga.cli.list;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paysaga.catalog.SagaTypes;
import org.paysaga.cli.CliContext;
import org.paysaga.cli.DurationConverter;
import org.paysaga.cli.connect.TemporalConnection;
import org.paysaga.cli.errors.CliException;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.output.Formats;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.output.Table;
import org.paysaga.cli.status.SagaInspector;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.TemporalUi;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code saga list}: sagas found through Temporal's visibility by their search attributes. */
@Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = "saga list [--status=S] [--type=T] [--merchant=M] [--since=DURATION] [--limit=N] [GLOBAL OPTIONS]",
    description = {"List sagas by status, type, merchant and age, with the Temporal UI link of each: open sagas "
            + "first, then the most recently closed (Temporal's visibility order).",
        "Reads Temporal's visibility (ListWorkflowExecutions) through the sagas' search attributes; "
            + "Temporal's Java test server has none."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  saga list --status RECOVERING           # the stuck sagas",
        "  saga list --merchant m_shop --since 1h",
        "  saga list --status FAILED --json | jq -r '.sagas[].sagaId'",
        "",
        "Statuses: RUNNING, COMPLETED, COMPENSATING, COMPENSATED, RECOVERING, DLQ, RESOLVED, FAILED "
            + "(FAILED also lists sagas Temporal terminated or timed out).",
        "Exit codes: 0 listed (also when none match); 1 the server has no visibility; 2 bad option; "
            + "4 Temporal unreachable."})
public final class ListCommand implements Callable<Integer> {
  static final int MAX_LIMIT = 1000;

  @Spec
  CommandSpec spec;

  @Option(names = "--status", paramLabel = "S", order = 1, description = "Only sagas in this status.")
  String status;

  @Option(names = "--type", paramLabel = "T", order = 2, description = "Only sagas of this type (PaymentSaga, RefundSaga).")
  String type;

  @Option(names = "--merchant", paramLabel = "M", order = 3, description = "Only this merchant's sagas.")
  String merchant;

  @Option(names = "--since", paramLabel = "DURATION", order = 4, converter = DurationConverter.class,
      description = "Only sagas started within this long (30s, 15m, 2h, 7d).")
  Duration since;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", order = 5,
      description = "Most sagas to show, 1-" + MAX_LIMIT + " (default ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    SagaQuery query = new SagaQuery(parseStatus(), parseType(),
        merchant == null ? null : SagaQuery.checkedValue("--merchant", merchant), sinceInstant());
    if (limit < 1 || limit > MAX_LIMIT) {
      throw CliException.badInput("--limit", "must be between 1 and " + MAX_LIMIT + ", was " + limit);
    }
    CliContext context = CliContext.of(spec);
    Output output = context.output();
    TemporalConnection temporal = context.connections().temporal();
    // No ORDER BY: SQL visibility refuses it. Its own order is open runs first, then by close time.
    String visibilityQuery = query.render(SagaTypes.catalog().all().keySet());
    List<SagaListing> sagas;
    try {
      sagas = temporal.client().listExecutions(visibilityQuery).limit(limit)
          .map(execution -> listing(execution, context.options().uiUrl(), temporal.namespace()))
          .toList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        throw CliException.failed("the Temporal server at " + temporal.address() + " has no visibility (Temporal's "
            + "Java test server?): saga list needs a real Temporal server; saga status <paymentNo> still works", e);
      }
      throw e;
    }
    if (sagas.isEmpty()) {
      output.line("No saga matches " + visibilityQuery + ".");
    } else {
      Table table = Table.of("SAGA", "TYPE", "STATUS", "MERCHANT", "FAILED STEP", "STARTED", "TEMPORAL UI");
      for (SagaListing saga : sagas) {
        table.row(saga.sagaId(), saga.sagaType(), saga.status(), saga.merchantId(), saga.failedStep(),
            saga.startedAt(), saga.historyUrl());
      }
      output.table(table);
      output.blank();
      output.line(sagas.size() + (sagas.size() == limit ? " (the limit; --limit shows more)" : "")
          + " sagas: open ones first, then the most recently closed. One saga: saga status <SAGA>");
    }
    output.result(new ListResult(visibilityQuery, sagas.size(), sagas));
    return ExitCodes.OK;
  }

  private SagaStatus parseStatus() {
    if (status == null) {
      return null;
    }
    try {
      return SagaStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CliException.badInput("--status", "must be one of " + List.of(SagaStatus.values()) + ", was '" + status + "'");
    }
  }

  private String parseType() {
    if (type == null) {
      return null;
    }
    if (!SagaTypes.catalog().all().containsKey(type.strip())) {
      throw CliException.badInput("--type", "must be one of " + SagaTypes.catalog().all().keySet() + ", was '" + type + "'");
    }
    return type.strip();
  }

  private Instant sinceInstant() {
    if (since == null) {
      return null;
    }
    if (since.isZero() || since.isNegative()) {
      throw CliException.badInput("--since", "must be positive");
    }
    return Instant.now().minus(since);
  }

  /** One execution as the list shows it; a saga Temporal closed without a result shows FAILED. */
  static SagaListing listing(WorkflowExecutionMetadata execution, String uiUrl, String namespace) {
    Map<String, String> attributes = SagaSearchAttributes.values(execution.getTypedSearchAttributes());
    WorkflowExecutionStatus closed = execution.getStatus();
    boolean endedByTemporal = closed == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
        || closed == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT
        || closed == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED;
    String sagaStatus = attributes.get(SagaSearchAttributes.SAGA_STATUS.getName());
    String sagaId = execution.getExecution().getWorkflowId();
    String runId = execution.getExecution().getRunId();
    return new SagaListing(sagaId, runId,
        attributes.getOrDefault(SagaSearchAttributes.SAGA_TYPE.getName(), execution.getWorkflowType()),
        endedByTemporal ? SagaStatus.FAILED.name() : sagaStatus, sagaStatus, SagaInspector.shortName(closed),
        attributes.get(SagaSearchAttributes.PAYMENT_NO.getName()), attributes.get(SagaSearchAttributes.MERCHANT_ID.getName()),
        attributes.get(SagaSearchAttributes.FAILED_STEP.getName()),
        Formats.instant(execution.getStartTime().toEpochMilli()),
        execution.getCloseTime() == null ? null : Formats.instant(execution.getCloseTime().toEpochMilli()),
        TemporalUi.historyLink(uiUrl, namespace, sagaId, runId));
  }
}
