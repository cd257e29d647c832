package org.paysaga.cli.status;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowQueryException;
import io.temporal.client.WorkflowStub;
import java.util.Map;
import java.util.regex.Pattern;
import org.paysaga.cli.connect.TemporalConnection;
import org.paysaga.cli.errors.CliException;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.refund.RefundSaga;
import org.paysaga.saga.SagaCompensation;
import org.paysaga.saga.SagaNotFoundException;
import org.paysaga.saga.SagaReader;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.saga.SagaState;

/** Reads a saga from Temporal: its run, whether it is open, and its state. */
public final class SagaInspector {
  /** Workflow IDs of the other saga type (refund sagas, and their compensation workflows). */
  private static final Pattern WORKFLOW_ID =
      Pattern.compile(Pattern.quote(RefundSaga.WORKFLOW_ID_PREFIX) + "[A-Za-z0-9_-]+");
  private final TemporalConnection temporal;

  public SagaInspector(TemporalConnection temporal) {
    this.temporal = temporal;
  }

  /**
   * What a saga looks like now.
   *
   * @param runId the current (or last) run
   * @param workflowStatus Temporal's execution status: RUNNING, COMPLETED, CANCELED, TERMINATED...
   * @param source where the state came from: {@code query} (the state query, while open, or a
   *     replay of a cancelled saga), {@code result} (the workflow result of a closed saga) or
   *     {@code closeStatus} (Temporal ended it without a result)
   * @param searchAttributes the saga search attributes the run carries, by name
   * @param compensationWorkflowId the compensation workflow that {@code saga dlq retry} started
   *     after Temporal ended the saga, whose state is then the saga's ({@code source}
   *     {@code compensation}); null when there is none
   */
  public record Inspection(String sagaId, String runId, String workflowStatus, String source, SagaState state,
      Map<String, String> searchAttributes, String compensationWorkflowId) {
    public boolean open() {
      return "RUNNING".equals(workflowStatus);
    }
  }

  /**
   * The saga ID of an argument: a payment number ({@code P1001}), or a saga's workflow ID
   * ({@code payment-P1001}, {@code refund-R7}, {@code payment-P1001-compensation}).
   *
   * @throws CliException exit 2 naming the argument, before any call
   */
  public static String sagaId(String argument, String label) {
    if (argument != null && !argument.isBlank() && WORKFLOW_ID.matcher(argument).matches()) {
      return argument; // refund-R7: another saga type's workflow ID, as it is
    }
    try {
      return PaymentSagaClient.sagaId(argument);
    } catch (InvalidPaymentRequestException e) {
      String rule = e.getMessage().substring(e.getMessage().indexOf(':') + 1).strip();
      throw CliException.badInput(label, rule);
    }
  }

  public Inspection inspect(String sagaId) {
    WorkflowStub stub = temporal.client().newUntypedWorkflowStub(sagaId);
    WorkflowExecutionDescription description = describe(sagaId, stub);
    WorkflowExecutionStatus status = description.getStatus();
    SagaState state;
    try {
      state = new SagaReader(temporal.client()).read(sagaId);
    } catch (RuntimeException e) {
      throw isOpen(status) ? noWorker(sagaId, e) : e;
    }
    String source;
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      source = "query";
    } else if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      source = "result";
    } else {
      source = state.steps().isEmpty() ? "closeStatus" : "query";
    }
    Map<String, String> attributes = SagaSearchAttributes.values(description.getTypedSearchAttributes());
    String runId = description.getExecution().getRunId();
    if (endedByTemporal(status)) {
      // After Temporal ended it, an operator's dlq retry carries the saga on in its compensation workflow.
      String compensationId = SagaCompensation.workflowIdFor(sagaId);
      try {
        WorkflowExecutionDescription compensation = temporal.client().newUntypedWorkflowStub(compensationId).describe();
        SagaState compensated = new SagaReader(temporal.client()).read(compensationId);
        return new Inspection(sagaId, runId, shortName(status), "compensation", compensated, attributes, compensationId);
      } catch (WorkflowNotFoundException e) {
        // no retry yet: the saga is what Temporal left
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
          throw e;
        }
      }
    }
    return new Inspection(sagaId, runId, shortName(status), source, state, attributes, null);
  }

  private static boolean endedByTemporal(WorkflowExecutionStatus status) {
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT
        || status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED;
  }

  /** Temporal's description of the saga's current run; not found is exit 3. */
  public static WorkflowExecutionDescription describe(String sagaId, WorkflowStub stub) {
    try {
      return stub.describe();
    } catch (WorkflowNotFoundException e) {
      throw new SagaNotFoundException(sagaId, e);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new SagaNotFoundException(sagaId, e);
      }
      throw e;
    }
  }

  /**
   * The state of a saga through {@link PaymentSagaClient#state}; an open saga whose state query no
   * worker answers is a failure that says so (exit 1), not an unreachable Temporal.
   */
  public static SagaState state(TemporalConnection temporal, String sagaId) {
    try {
      return temporal.payments().state(sagaId);
    } catch (RuntimeException e) {
      throw noWorker(sagaId, e);
    }
  }

  private static RuntimeException noWorker(String sagaId, RuntimeException error) {
    if (error instanceof WorkflowQueryException || deadlineExceeded(error)) {
      return CliException.failed("saga " + sagaId + " is open, but no worker answered its state query in time: "
          + "is a worker polling its task queue?", error);
    }
    return error;
  }

  private static boolean deadlineExceeded(Throwable error) {
    for (Throwable cause = error; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc && grpc.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOpen(WorkflowExecutionStatus status) {
    return status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
  }

  /** {@code WORKFLOW_EXECUTION_STATUS_RUNNING} as {@code RUNNING}. */
  public static String shortName(WorkflowExecutionStatus status) {
    return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "");
  }
}
