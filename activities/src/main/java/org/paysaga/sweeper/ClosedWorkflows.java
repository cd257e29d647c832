package org.paysaga.sweeper;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks Temporal's visibility store which workflows of the given types closed other than
 * completed (terminated, timed out, failed, cancelled) since a moment, paged through fully.
 * Temporal's Java test server has no visibility queries (UNIMPLEMENTED): then, and when
 * visibility fails, there is no answer, and the caller relies on its registry walk.
 */
final class ClosedWorkflows {
  private static final Logger log = LoggerFactory.getLogger(ClosedWorkflows.class);
  private static final int PAGE_SIZE = 1000;
  private static final String UNFINISHED = "ExecutionStatus IN ('Terminated','TimedOut','Failed','Canceled')";

  private final WorkflowServiceStubs stubs;
  private final String namespace;
  private final String typeFilter;
  private final AtomicBoolean toldUnimplemented = new AtomicBoolean();

  ClosedWorkflows(WorkflowServiceStubs stubs, String namespace, Collection<String> workflowTypes) {
    this.stubs = stubs;
    this.namespace = namespace;
    this.typeFilter = workflowTypes.stream().sorted().map(type -> "'" + type + "'")
        .collect(Collectors.joining(",", "WorkflowType IN (", ")"));
  }

  /** The visibility query for workflows closed unfinished at or after {@code since}. */
  String query(Instant since) {
    return typeFilter + " AND " + UNFINISHED + " AND CloseTime >= '" + since + "'";
  }

  /** Their workflow IDs, each once, or empty when visibility gave no answer. */
  Optional<List<String>> since(Instant since) {
    String query = query(since);
    Set<String> ids = new LinkedHashSet<>();
    ByteString token = ByteString.EMPTY;
    try {
      do {
        ListWorkflowExecutionsResponse page = stubs.blockingStub().listWorkflowExecutions(
            ListWorkflowExecutionsRequest.newBuilder().setNamespace(namespace).setQuery(query)
                .setPageSize(PAGE_SIZE).setNextPageToken(token).build());
        page.getExecutionsList().forEach(execution -> ids.add(execution.getExecution().getWorkflowId()));
        token = page.getNextPageToken();
      } while (!token.isEmpty());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        if (toldUnimplemented.compareAndSet(false, true)) {
          log.info("sweeper: this Temporal server has no visibility queries (ListWorkflowExecutions"
              + " unimplemented, as on the test server): it finds closed sagas by the registry walk only");
        }
      } else {
        log.warn("sweeper: visibility query failed ({}); this sweep walks the registry only and the next"
            + " asks again from the same moment", e.getStatus());
      }
      return Optional.empty();
    }
    return Optional.of(new ArrayList<>(ids));
  }
}
