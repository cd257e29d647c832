package org.paysaga.cli.errors;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.paysaga.cli.output.Json;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Reports every error as one line on stderr ({@code error: ...}) and an exit code; with
 * {@code --json} also as the one JSON object on stdout; with {@code --verbose} with its stack trace.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {
  private final Supplier<Endpoints> endpoints;

  public ErrorHandler(Supplier<Endpoints> endpoints) {
    this.endpoints = endpoints;
  }

  @Override
  public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
    Failures.Failure failure = Failures.describe(error, endpoints.get());
    boolean json = parseResult != null && matched(parseResult, "--json");
    boolean verbose = parseResult != null && matched(parseResult, "--verbose");
    report(command, failure, json, verbose ? error : null);
    return failure.exitCode();
  }

  @Override
  public int handleParseException(ParameterException error, String[] args) {
    CommandLine command = error.getCommandLine();
    boolean json = Arrays.asList(args).contains("--json");
    boolean verbose = Arrays.asList(args).contains("--verbose");
    String message = error.getMessage() + " (see '" + command.getCommandSpec().qualifiedName() + " --help')";
    report(command, new Failures.Failure(ExitCodes.USAGE, message), json, verbose ? error : null);
    return ExitCodes.USAGE;
  }

  private static void report(CommandLine command, Failures.Failure failure, boolean json, Throwable trace) {
    PrintWriter err = command.getErr();
    err.println("error: " + failure.message());
    if (trace != null) {
      trace.printStackTrace(err);
    }
    err.flush();
    if (json) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("exitCode", failure.exitCode());
      body.put("message", failure.message());
      PrintWriter out = command.getOut();
      out.println(Json.write(Map.of("error", body)));
      out.flush();
    }
  }

  private static boolean matched(ParseResult parseResult, String option) {
    for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
      if (result.hasMatchedOption(option)) {
        return true;
      }
    }
    return false;
  }
}
