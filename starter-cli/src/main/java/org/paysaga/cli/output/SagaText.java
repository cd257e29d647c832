package org.paysaga.cli.output;

import org.paysaga.saga.SagaState;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/** A saga's state for people: a few lines and the steps table. */
public final class SagaText {
  private SagaText() {}

  public static void print(Output output, SagaState state) {
    String key = state.businessKey() == null ? "" : " (payment " + state.businessKey() + ")";
    output.line("Saga " + state.sagaId() + key + ": " + state.status());
    output.line("  started " + orUnknown(Formats.instant(state.startedAtMillis()))
        + ", last change " + orUnknown(Formats.instant(state.updatedAtMillis()))
        + " (" + Formats.duration(SagaView.duration(state)) + ")");
    if (state.failure() != null) {
      output.line("  failure: " + state.failure());
    }
    if (state.note() != null) {
      output.line("  note:    " + state.note());
    }
    if (!state.steps().isEmpty()) {
      output.blank();
      output.table(steps(state));
    }
  }

  public static Table steps(SagaState state) {
    Table table = Table.of("STEP", "STATUS", "ATTEMPTS", "COMPENSATION", "COMP. STATUS", "COMP. ATTEMPTS", "LAST ERROR")
        .alignRight("ATTEMPTS", "COMP. ATTEMPTS");
    for (StepState step : state.steps()) {
      boolean compensated = step.hasCompensation() && step.compensationStatus() != StepStatus.NOT_REQUIRED;
      table.row(step.step(), step.status(), step.attempts(),
          step.hasCompensation() ? step.compensation() : "-",
          step.hasCompensation() ? step.compensationStatus() : "-",
          compensated ? step.compensationAttempts() : "",
          step.lastError());
    }
    return table;
  }

  private static String orUnknown(String value) {
    return value == null ? "unknown" : value;
  }
}
