package org.paysaga.reliability.stack;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Bad options end the run before anything starts, naming the option (picocli: exit 2 with usage). */
public final class OptionChecks {
  private final CommandSpec spec;

  public OptionChecks(CommandSpec spec) {
    this.spec = spec;
  }

  public OptionChecks atLeast(String option, double value, double minimum) {
    if (!(value >= minimum)) {
      throw new ParameterException(spec.commandLine(),
          option + " must be at least " + format(minimum) + ", was " + format(value));
    }
    return this;
  }

  public OptionChecks positive(String option, double value) {
    if (!(value > 0)) {
      throw new ParameterException(spec.commandLine(), option + " must be positive, was " + format(value));
    }
    return this;
  }

  private static String format(double value) {
    return value == Math.rint(value) && !Double.isInfinite(value) ? Long.toString((long) value) : Double.toString(value);
  }
}
