package org.paysaga.barrier;

import java.util.ArrayList;
import java.util.List;

/**
 * One step's phase of one saga, as a guarded script receives it: the barrier hash goes last among
 * the KEYS, the step and the phase last among the ARGV (see {@code lua/barrier/guard.lua}).
 *
 * @param step the step's forward activity type, e.g. {@code CallPaymentChannel}
 */
public record BarrierStep(String sagaId, String step, BarrierPhase phase) {

  public static BarrierStep forward(String sagaId, String step) {
    return new BarrierStep(sagaId, step, BarrierPhase.FORWARD);
  }

  public static BarrierStep compensation(String sagaId, String step) {
    return new BarrierStep(sagaId, step, BarrierPhase.COMPENSATION);
  }

  /** The body's keys, then the barrier hash ({@code SagaKeyspace.barrier}). */
  public List<String> keys(List<String> bodyKeys, String barrierKey) {
    List<String> keys = new ArrayList<>(bodyKeys);
    keys.add(barrierKey);
    return keys;
  }

  public String[] args(String... bodyArgs) {
    String[] args = new String[bodyArgs.length + 2];
    System.arraycopy(bodyArgs, 0, args, 0, bodyArgs.length);
    args[bodyArgs.length] = step;
    args[bodyArgs.length + 1] = phase.code();
    return args;
  }
}
