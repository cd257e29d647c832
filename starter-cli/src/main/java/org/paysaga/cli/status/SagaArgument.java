package org.paysaga.cli.status;

import picocli.CommandLine.Parameters;

/** The saga a command is about, as users name it: payment number or workflow ID ({@code saga status}, {@code saga history}). */
public final class SagaArgument {
  static final String LABEL = "<paymentNo|workflowId>";

  @Parameters(index = "0", paramLabel = LABEL,
      description = "The payment number (P1001) or the saga's workflow ID (payment-P1001).")
  String value;

  /** The saga's workflow ID; a bad argument exits 2 naming it. */
  public String sagaId() {
    return SagaInspector.sagaId(value, LABEL);
  }
}
