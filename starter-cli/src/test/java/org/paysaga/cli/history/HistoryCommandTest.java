package org.paysaga.cli.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.Payments;
import org.paysaga.cli.testing.SagaTestStack;
import org.paysaga.saga.SagaState;

class HistoryCommandTest {
  private final SagaTestStack stack = SagaTestStack.get();
  private final Cli cli = stack.cli();
  private final Payments payments = new Payments(stack);

  private static List<JsonNode> events(JsonNode result) {
    List<JsonNode> events = new ArrayList<>();
    result.get("events").forEach(events::add);
    return events;
  }

  @Test
  void printsEventsAttemptsFailuresAndTheUiLink() {
    SagaState declined = payments.run("tok_decline", "m_shop");

    CliRun human = cli.run("history", declined.businessKey());
    CliRun json = cli.run("history", declined.sagaId(), "--json");

    assertThat(human.exitCode()).as(human.toString()).isZero();
    assertThat(human.out()).contains("TIME", "EVENT", "ACTIVITY", "ATTEMPT", "FAILURE")
        .contains("ActivityTaskFailed").contains("CallPaymentChannel").contains("[CardDeclined]")
        .contains("workflow task events left out");
    JsonNode result = json.json();
    String runId = result.get("runId").asText();
    assertThat(result.get("historyUrl").asText())
        .isEqualTo("http://ui.test:8080/namespaces/default/workflows/" + declined.sagaId() + "/" + runId + "/history");
    assertThat(human.out()).contains("Temporal UI: " + result.get("historyUrl").asText());
    assertThat(result.get("namespace").asText()).isEqualTo("default");
    assertThat(result.get("workflowStatus").asText()).isEqualTo("COMPLETED");
    List<JsonNode> events = events(result);
    assertThat(events.get(0).get("event").asText()).isEqualTo("WorkflowExecutionStarted");
    assertThat(events.get(0).get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    assertThat(events.get(events.size() - 1).get("event").asText()).isEqualTo("WorkflowExecutionCompleted");
    JsonNode failed = events.stream().filter(e -> e.get("event").asText().equals("ActivityTaskFailed"))
        .findFirst().orElseThrow();
    assertThat(failed.get("activity").asText()).isEqualTo("CallPaymentChannel");
    assertThat(failed.get("attempt").asInt()).isEqualTo(1);
    assertThat(failed.get("failure").asText()).contains("[CardDeclined]")
        // The failure's message as raised, though Temporal holds it encrypted.
        .doesNotContain("Encoded failure").containsIgnoringCase("declined");
    assertThat(events).anyMatch(e -> "local activity".equals(e.path("detail").asText()) && e.hasNonNull("activity"));
    assertThat(events).noneMatch(e -> e.get("event").asText().startsWith("WorkflowTask"));
    assertThat(result.get("hiddenEvents").asInt()).isPositive();
    assertThat(result.get("eventCount").asInt()).isEqualTo(events.size() + result.get("hiddenEvents").asInt());
  }

  @Test
  void showsRetriedAttempts() {
    SagaState flaky = payments.run("tok_flaky_1", "m_shop");

    JsonNode result = cli.run("history", flaky.businessKey(), "--json").json();

    assertThat(events(result)).anySatisfy(event -> {
      assertThat(event.get("event").asText()).isEqualTo("ActivityTaskCompleted");
      assertThat(event.get("activity").asText()).isEqualTo("CallPaymentChannel");
      assertThat(event.get("attempt").asInt()).isEqualTo(2);
    });
  }

  @Test
  void allShowsWorkflowTaskEventsToo() {
    SagaState done = payments.run("tok_visa", "m_shop");

    JsonNode result = cli.run("history", done.businessKey(), "--all", "--json").json();

    assertThat(result.get("hiddenEvents").asInt()).isZero();
    assertThat(events(result)).hasSize(result.get("eventCount").asInt())
        .anyMatch(e -> e.get("event").asText().equals("WorkflowTaskCompleted"));
  }

  @Test
  void anUnknownSagaExitsThree() {
    CliRun run = cli.run("history", "no-such-payment");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).startsWith("error: no saga payment-no-such-payment");
  }
}
