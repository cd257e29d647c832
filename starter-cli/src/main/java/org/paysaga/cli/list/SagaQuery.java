package org.paysaga.cli.list;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.paysaga.cli.errors.CliException;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.saga.SagaStatus;

/**
 * The visibility query of {@code saga list}, from its filters. A saga Temporal ended (terminated,
 * timed out) ran no code to record it, so its {@code SagaStatus} still says what it was doing: the
 * saga statuses of open sagas also require a running execution, and {@code FAILED} also takes
 * every execution Temporal closed that way.
 */
record SagaQuery(SagaStatus status, String sagaType, String merchant, Instant since) {
  private static final String STATUS = SagaSearchAttributes.SAGA_STATUS.getName();

  /** @param knownTypes the saga types a merchant or type filter may name; all of them without --type */
  String render(Collection<String> knownTypes) {
    List<String> clauses = new ArrayList<>();
    String type = SagaSearchAttributes.SAGA_TYPE.getName();
    clauses.add(sagaType != null ? type + " = " + quote(sagaType)
        : type + " IN (" + knownTypes.stream().map(SagaQuery::quote).collect(Collectors.joining(", ")) + ")");
    if (status != null) {
      clauses.add(statusClause(status));
    }
    if (merchant != null) {
      clauses.add(SagaSearchAttributes.MERCHANT_ID.getName() + " = " + quote(merchant));
    }
    if (since != null) {
      clauses.add("StartTime > " + quote(since.toString()));
    }
    return String.join(" AND ", clauses);
  }

  private static String statusClause(SagaStatus status) {
    String recorded = STATUS + " = " + quote(status.name());
    if (status == SagaStatus.FAILED) {
      return "(" + recorded + " OR ExecutionStatus IN ('Terminated', 'TimedOut', 'Failed'))";
    }
    return status.isTerminal() ? recorded : recorded + " AND ExecutionStatus = 'Running'";
  }

  /** Keyword values in single quotes; a value holding a quote or a backslash is refused before any call. */
  static String quote(String value) {
    return "'" + value + "'";
  }

  /** @throws CliException exit 2 when a filter value could break out of its quotes */
  static String checkedValue(String option, String value) {
    if (value.isBlank()) {
      throw CliException.badInput(option, "must not be blank");
    }
    if (value.contains("'") || value.contains("\"") || value.contains("\\")) {
      throw CliException.badInput(option, "must not contain quotes or backslashes");
    }
    return value.strip();
  }
}
