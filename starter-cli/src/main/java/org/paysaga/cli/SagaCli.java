package org.paysaga.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import org.paysaga.cli.connect.Connections;
import org.paysaga.cli.connect.EnvironmentDefaults;
import org.paysaga.cli.connect.GlobalOptions;
import org.paysaga.cli.demo.DemoCommand;
import org.paysaga.cli.dlq.DlqCommand;
import org.paysaga.cli.list.ListCommand;
import org.paysaga.cli.errors.Endpoints;
import org.paysaga.cli.errors.ErrorHandler;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.history.HistoryCommand;
import org.paysaga.cli.output.HelpLayout;
import org.paysaga.cli.output.Output;
import org.paysaga.cli.pay.PayCommand;
import org.paysaga.cli.refund.RefundCommand;
import org.paysaga.cli.status.StatusCommand;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code saga} command line: start payment sagas, follow them, work the dead-letter queue. */
@Command(name = "saga", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false, customSynopsis = "saga [GLOBAL OPTIONS] COMMAND [ARGS]",
    description = "Start payment sagas on Temporal, follow them, and work the dead-letter queue.",
    subcommands = {
        PayCommand.class,
        RefundCommand.class,
        StatusCommand.class,
        HistoryCommand.class,
        DemoCommand.class,
        DlqCommand.class,
        ListCommand.class,
        AutoComplete.GenerateCompletion.class},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  done",
        "  1  the saga ended other than COMPLETED (pay --wait, demo) or the operation failed",
        "  2  bad usage or input: nothing was started",
        "  3  no such saga or DLQ entry",
        "  4  Temporal or Redis unreachable (the message names the address)",
        "",
        "Examples:",
        "  saga pay --payment-no P1001 --merchant m_shop --amount 12.34 --currency CNY --card-token tok_visa --wait",
        "  saga status P1001",
        "  saga demo",
        "  saga --temporal-address temporal.example.com:7233 --api-key \"$KEY\" dlq list --json",
        "  source <(saga generate-completion)    # bash/zsh completion for a 'saga' on the PATH"})
public final class SagaCli implements Callable<Integer>, AutoCloseable, CliContext.Root {
  @Mixin
  GlobalOptions options;

  @Spec
  CommandSpec spec;

  private CliContext context;
  private Connections connections;

  public static void main(String[] args) {
    PrintWriter out = writer(System.out);
    PrintWriter err = writer(System.err);
    System.exit(run(System.getenv(), out, err, args));
  }

  /** Runs one command line and closes what it opened; the exit code. */
  public static int run(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
    try (SagaCli cli = new SagaCli()) {
      int exitCode = commandLine(cli, environment, out, err).execute(args);
      out.flush();
      err.flush();
      return exitCode;
    }
  }

  /** The command line of {@code cli}, with defaults from {@code environment}. */
  public static CommandLine commandLine(
      SagaCli cli, Map<String, String> environment, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(cli);
    CommandLine completion = commandLine.getSubcommands().get("generate-completion");
    completion.getCommandSpec().usageMessage()
        .hidden(false)
        .description("Print the bash/zsh completion script: source <(saga generate-completion)");
    HelpLayout.install(commandLine);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(environment));
    cli.options.environment(environment);
    ErrorHandler errors = new ErrorHandler(cli::endpoints);
    commandLine.setExecutionExceptionHandler(errors);
    commandLine.setParameterExceptionHandler(errors);
    return commandLine;
  }

  /** {@code saga} alone: the usage, and exit 2 (a command is required). */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** The global options as parsed (for tests and embedding). */
  public GlobalOptions options() {
    return options;
  }

  @Override
  public CliContext context() {
    if (context == null) {
      CommandLine root = spec.commandLine();
      connections = new Connections(options);
      context = new CliContext(options, new Output(root.getOut(), root.getErr(), options.json()), connections);
    }
    return context;
  }

  private Endpoints endpoints() {
    return Connections.endpoints(options);
  }

  @Override
  public void close() {
    if (connections != null) {
      connections.close();
    }
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
  }
}
