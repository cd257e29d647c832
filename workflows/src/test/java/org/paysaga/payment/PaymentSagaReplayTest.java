package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.saga.SagaState;

/**
 * Replays recorded histories of every saga path against today's workflow code: a change that
 * would break sagas in flight (non-determinism) fails the build. The histories are recorded by
 * {@code PaymentSagaWorkflowTest} in the activities module with {@code -Dsaga.recordHistories=true}.
 */
class PaymentSagaReplayTest {

  static Stream<Path> recordedHistories() {
    return histories().stream();
  }

  static Stream<String> generations() {
    return GENERATIONS.stream();
  }

  @Test
  void theNewerHistoriesUpsertTheSearchAttributes() throws Exception {
    WorkflowExecutionHistory completed = load(historiesDir().resolve("search-attributes/payment-completed.json"));
    assertThat(completed.getEvents()).anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
    WorkflowExecutionHistory older = load(historiesDir().resolve("payment-completed.json"));
    assertThat(older.getEvents()).noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES);
  }

  /** Before the sagas upserted search attributes (no version marker), and since (marker 1). */
  static final List<String> GENERATIONS = List.of("", "search-attributes");

  @ParameterizedTest(name = "histories/{0}")
  @MethodSource("generations")
  void everySagaPathHasARecordedHistory(String generation) {
    assertThat(histories().stream().filter(p -> p.getParent().equals(historiesDir().resolve(generation)))
            .map(p -> p.getFileName().toString()))
        .contains("payment-completed.json", "payment-declined.json", "payment-flaky-then-completed.json",
            "payment-flaky-exhausted.json", "payment-frozen-merchant.json", "payment-cancelled.json", "payment-recovered.json",
            "payment-dlq-retried.json", "payment-refund-failed-recovering.json",
            "payment-invalid-request.json");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordedHistories")
  void replaysWithoutNonDeterminism(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(load(history), PaymentSagaImpl.class);
  }

  @Test
  void aReorderedSagaFailsReplay() throws Exception {
    WorkflowExecutionHistory completed = load(historiesDir().resolve("payment-completed.json"));
    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(completed, ReorderedSaga.class))
        .hasStackTraceContaining("NonDeterministicException");
  }

  /** A recorded history with its workflow ID (the saga checks that it matches the payment). */
  private static WorkflowExecutionHistory load(Path history) throws IOException {
    Properties ids = new Properties();
    try (Reader in = Files.newBufferedReader(history.resolveSibling("workflow-ids.properties"))) {
      ids.load(in);
    }
    String workflowId = ids.getProperty(history.getFileName().toString());
    assertThat(workflowId).as("workflow ID of %s", history.getFileName()).isNotNull();
    return WorkflowExecutionHistory.fromJson(Files.readString(history), workflowId);
  }

  /** A "refactoring" that charges before creating the order: must not replay old histories. */
  public static class ReorderedSaga extends PaymentSagaImpl {
    private final PaymentActivities activities =
        Workflow.newActivityStub(PaymentActivities.class, SagaActivityOptions.base(PaymentRefusals.ALL));

    @Override
    public SagaState pay(PaymentRequest request) {
      activities.callPaymentChannel(request);
      activities.createOrder(request);
      return null;
    }
  }

  private static List<Path> histories() {
    try (Stream<Path> files = Files.walk(historiesDir())) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path historiesDir() {
    try {
      return Paths.get(PaymentSagaReplayTest.class.getResource("/histories").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
