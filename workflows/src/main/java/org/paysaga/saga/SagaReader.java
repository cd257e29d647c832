package org.paysaga.saga;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.TemporalFailure;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads any saga's state from Temporal: the {@code state} query while it runs, the workflow result
 * once it completed, and a {@code FAILED} state built from the close status when Temporal ended it
 * otherwise (failed, terminated, timed out).
 *
 * <p>A cancelled saga compensates and then closes {@code CANCELED}: the Java SDK closes every
 * cancel-requested workflow that way and drops its result. Its final state is read with the
 * {@code state} query, which a worker answers by replaying the closed history.
 */
public final class SagaReader {
  private final WorkflowClient client;

  public SagaReader(WorkflowClient client) {
    this.client = client;
  }

  public SagaState read(String sagaId) {
    WorkflowStub stub = client.newUntypedWorkflowStub(sagaId);
    WorkflowExecutionDescription description = describe(sagaId, stub);
    WorkflowExecutionStatus status = description.getStatus();
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      return stub.query(SagaWorkflow.STATE_QUERY, SagaState.class);
    }
    if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
      return stub.getResult(SagaState.class);
    }
    return closedWithoutResult(sagaId, description, stub);
  }

  /** Waits for the saga to end and returns its final state. */
  public SagaState await(String sagaId, Duration timeout) throws TimeoutException {
    WorkflowStub stub = client.newUntypedWorkflowStub(sagaId);
    try {
      return stub.getResult(timeout.toMillis(), TimeUnit.MILLISECONDS, SagaState.class);
    } catch (WorkflowNotFoundException e) {
      throw new SagaNotFoundException(sagaId, e);
    } catch (WorkflowException e) {
      return closedWithoutResult(sagaId, describe(sagaId, stub), stub);
    }
  }

  private SagaState closedWithoutResult(
      String sagaId, WorkflowExecutionDescription description, WorkflowStub stub) {
    if (description.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED) {
      try {
        return stub.query(SagaWorkflow.STATE_QUERY, SagaState.class);
      } catch (WorkflowException e) {
        // No worker to replay it: report what Temporal knows.
      }
    }
    String reason = closeReason(description.getStatus(), stub);
    long started = toMillis(description.getStartTime());
    long closed = description.getCloseTime() == null ? started : toMillis(description.getCloseTime());
    return new SagaState(sagaId, description.getWorkflowType(), null, SagaStatus.FAILED, List.of(),
        reason, null, started, closed);
  }

  private static String closeReason(WorkflowExecutionStatus status, WorkflowStub stub) {
    String closeStatus = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
    try {
      stub.getResult(1, TimeUnit.SECONDS, Void.class);
      return "workflow " + closeStatus;
    } catch (WorkflowException e) {
      Throwable cause = e.getCause();
      String message = cause instanceof TemporalFailure failure ? failure.getOriginalMessage() : null;
      return message == null || message.isBlank()
          ? "workflow " + closeStatus
          : "workflow " + closeStatus + ": " + message;
    } catch (TimeoutException e) {
      return "workflow " + closeStatus;
    }
  }

  private WorkflowExecutionDescription describe(String sagaId, WorkflowStub stub) {
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

  private static long toMillis(java.time.Instant instant) {
    return instant == null ? 0 : instant.toEpochMilli();
  }
}
