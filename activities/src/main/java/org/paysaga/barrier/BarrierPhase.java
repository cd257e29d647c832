package org.paysaga.barrier;

/** The two phases of a step the barrier keeps apart. */
public enum BarrierPhase {
  FORWARD("f"),
  COMPENSATION("c");

  private final String code;

  BarrierPhase(String code) {
    this.code = code;
  }

  /** The field suffix and script argument: {@code f} or {@code c}. */
  public String code() {
    return code;
  }
}
