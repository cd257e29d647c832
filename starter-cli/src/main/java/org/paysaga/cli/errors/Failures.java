package org.paysaga.cli.errors;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.payload.codec.PayloadCodecException;
import org.paysaga.dlq.DlqEntryNotFoundException;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.saga.SagaNotFoundException;

/** Turns whatever a command threw into an exit code and one line for a person. */
public final class Failures {
  private Failures() {}

  /** The exit code and the one-line message for an error. */
  public record Failure(int exitCode, String message) {}

  public static Failure describe(Throwable error, Endpoints endpoints) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      Failure failure = known(cause, endpoints);
      if (failure != null) {
        return failure;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return new Failure(ExitCodes.FAILED, "failed: " + oneLine(error));
  }

  private static Failure known(Throwable cause, Endpoints endpoints) {
    if (cause instanceof CliException cli) {
      return new Failure(cli.exitCode(), cli.getMessage());
    }
    if (cause instanceof InvalidPaymentRequestException invalid) {
      return new Failure(ExitCodes.USAGE, invalid.getMessage());
    }
    if (cause instanceof SagaNotFoundException notFound) {
      return new Failure(ExitCodes.NOT_FOUND, "no saga " + notFound.sagaId() + where(endpoints));
    }
    if (cause instanceof DlqEntryNotFoundException notFound) {
      return new Failure(ExitCodes.NOT_FOUND, "no DLQ entry " + notFound.sagaId());
    }
    if (cause instanceof WorkflowNotFoundException notFound) {
      return new Failure(ExitCodes.NOT_FOUND,
          "no saga " + notFound.getExecution().getWorkflowId() + where(endpoints));
    }
    if (cause instanceof PayloadCodecException codec) {
      return new Failure(ExitCodes.FAILED, "cannot read the saga's payloads: " + firstLine(codec.getMessage()));
    }
    if (cause instanceof StatusRuntimeException grpc) {
      return temporal(grpc, endpoints);
    }
    if (cause instanceof RedisConnectionException) {
      return new Failure(ExitCodes.UNREACHABLE,
          "Redis at " + endpoints.redisAddress() + " is unreachable: " + oneLine(cause));
    }
    if (cause instanceof RedisCommandTimeoutException) {
      return new Failure(ExitCodes.UNREACHABLE,
          "Redis at " + endpoints.redisAddress() + " did not answer: " + oneLine(cause));
    }
    return null;
  }

  private static Failure temporal(StatusRuntimeException grpc, Endpoints endpoints) {
    Status.Code code = grpc.getStatus().getCode();
    String description = grpc.getStatus().getDescription();
    String detail = description == null || description.isBlank() ? code.name() : description;
    return switch (code) {
      case UNAVAILABLE -> new Failure(ExitCodes.UNREACHABLE,
          "Temporal at " + endpoints.temporalAddress() + " is unreachable: " + firstLine(detail));
      case DEADLINE_EXCEEDED -> new Failure(ExitCodes.UNREACHABLE,
          "Temporal at " + endpoints.temporalAddress() + " did not answer in time: " + firstLine(detail));
      case NOT_FOUND -> new Failure(ExitCodes.NOT_FOUND, firstLine(detail) + where(endpoints));
      case UNAUTHENTICATED, PERMISSION_DENIED -> new Failure(ExitCodes.FAILED,
          "Temporal at " + endpoints.temporalAddress() + " refused the credentials: " + firstLine(detail));
      default -> new Failure(ExitCodes.FAILED,
          "Temporal at " + endpoints.temporalAddress() + " answered " + code + ": " + firstLine(detail));
    };
  }

  private static String where(Endpoints endpoints) {
    return " (namespace " + endpoints.namespace() + " at " + endpoints.temporalAddress() + ")";
  }

  /** The message of an exception on one line, its class name when it has none. */
  public static String oneLine(Throwable error) {
    String message = error.getMessage();
    return message == null || message.isBlank() ? error.getClass().getSimpleName() : firstLine(message);
  }

  private static String firstLine(String text) {
    int end = text.indexOf('\n');
    return (end < 0 ? text : text.substring(0, end)).strip();
  }
}
