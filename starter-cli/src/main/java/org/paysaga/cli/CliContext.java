package org.paysaga.cli;

import org.paysaga.cli.connect.Connections;
import org.paysaga.cli.connect.GlobalOptions;
import org.paysaga.cli.output.Output;
import picocli.CommandLine.Model.CommandSpec;

/** What a command works with: the global options, where to write, the (lazy) connections. */
public final class CliContext {
  private final GlobalOptions options;
  private final Output output;
  private final Connections connections;

  CliContext(GlobalOptions options, Output output, Connections connections) {
    this.options = options;
    this.output = output;
    this.connections = connections;
  }

  /** The root command, which holds the context (so a command needs no other command's code). */
  public interface Root {
    CliContext context();
  }

  /** The context of the running command line, from any (sub)command's spec. */
  public static CliContext of(CommandSpec spec) {
    return ((Root) spec.root().userObject()).context();
  }

  public GlobalOptions options() {
    return options;
  }

  public Output output() {
    return output;
  }

  public Connections connections() {
    return connections;
  }
}
