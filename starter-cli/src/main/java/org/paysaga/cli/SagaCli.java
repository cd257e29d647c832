package org.paysaga.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code saga} command line. */
@Command(name = "saga", mixinStandardHelpOptions = true, version = "saga 0.1.0",
    description = "Start payment sagas on Temporal and work the dead-letter queue.")
public final class SagaCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SagaCli()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
