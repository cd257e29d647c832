package org.paysaga.cli.errors;

import java.util.Map;
import org.paysaga.payment.InvalidPaymentRequestException;

/** A failure the command line reports as one line on stderr and an exit code. */
public final class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** Bad input (exit 2): {@code what} names the option or argument, {@code rule} what it must be. */
  public static CliException badInput(String what, String rule) {
    return new CliException(ExitCodes.USAGE, what + ": " + rule, null);
  }

  /** A request the sagas refused (exit 2), named by the option the user typed for the field (or the field). */
  public static CliException badInput(InvalidPaymentRequestException invalid, Map<String, String> optionOfField) {
    String message = invalid.getMessage();
    String rule = message.startsWith(invalid.field() + ":")
        ? message.substring(invalid.field().length() + 1).strip()
        : message;
    return badInput(optionOfField.getOrDefault(invalid.field(), invalid.field()), rule);
  }

  /** No such saga or DLQ entry (exit 3). */
  public static CliException notFound(String message, Throwable cause) {
    return new CliException(ExitCodes.NOT_FOUND, message, cause);
  }

  /** Temporal or Redis did not answer (exit 4); the message names the address. */
  public static CliException unreachable(String service, String address, String why, Throwable cause) {
    return new CliException(ExitCodes.UNREACHABLE,
        service + " at " + address + " is unreachable" + (why == null ? "" : ": " + why), cause);
  }

  /** The operation could not be done (exit 1). */
  public static CliException failed(String message, Throwable cause) {
    return new CliException(ExitCodes.FAILED, message, cause);
  }

  public int exitCode() {
    return exitCode;
  }
}
