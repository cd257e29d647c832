package org.paysaga.cli.pay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.SagaTestStack;
import org.paysaga.testing.TestPayments;

class PayCommandTest {
  private final SagaTestStack stack = SagaTestStack.get();
  private final Cli cli = stack.cli();

  private static String[] pay(String paymentNo, String cardToken, String... more) {
    String[] base = {"pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "12.34",
        "--currency", "CNY", "--card-token", cardToken};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void waitFollowsTheSagaToCompletion() {
    String paymentNo = TestPayments.uniquePaymentNo("pay");

    CliRun run = cli.run(pay(paymentNo, "tok_visa", "--wait"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).contains("Started saga payment-" + paymentNo)
        .contains("COMPLETED")
        .contains("CreateOrder").contains("CompleteOrder")
        .contains("http://ui.test:8080/namespaces/default/workflows/payment-" + paymentNo + "/");
  }

  @Test
  void waitExitsOneWhenTheSagaCompensates() {
    String paymentNo = TestPayments.uniquePaymentNo("pay");

    CliRun run = cli.run(pay(paymentNo, "tok_decline", "--wait", "--json"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode json = run.json();
    assertThat(json.get("paymentNo").asText()).isEqualTo(paymentNo);
    assertThat(json.get("sagaId").asText()).isEqualTo("payment-" + paymentNo);
    assertThat(json.get("started").asBoolean()).isTrue();
    assertThat(json.get("waited").asBoolean()).isTrue();
    assertThat(json.get("timedOut").asBoolean()).isFalse();
    assertThat(json.get("status").asText()).isEqualTo("COMPENSATED");
    JsonNode saga = json.get("saga");
    assertThat(saga.get("status").asText()).isEqualTo("COMPENSATED");
    assertThat(saga.get("terminal").asBoolean()).isTrue();
    assertThat(saga.get("failure").asText()).contains("CardDeclined");
    assertThat(saga.get("steps")).hasSize(4);
    assertThat(saga.get("steps").get(1).get("step").asText()).isEqualTo("CallPaymentChannel");
    assertThat(saga.get("steps").get(1).get("status").asText()).isEqualTo("FAILED");
    assertThat(json.get("historyUrl").asText()).endsWith("/history").contains(json.get("runId").asText());
  }

  @Test
  void withoutWaitItStartsAndReturns() {
    String paymentNo = TestPayments.uniquePaymentNo("pay");

    CliRun run = cli.run(pay(paymentNo, "tok_visa", "--json"));

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = run.json();
    assertThat(json.get("started").asBoolean()).isTrue();
    assertThat(json.get("waited").asBoolean()).isFalse();
    assertThat(json.get("status").asText()).isEqualTo("RUNNING");
    assertThat(json.get("saga").isNull()).isTrue();
  }

  @Test
  void payingAgainReportsTheExistingSagaAndStartsNothing() {
    String paymentNo = TestPayments.uniquePaymentNo("dup");
    CliRun first = cli.run(pay(paymentNo, "tok_visa", "--wait", "--json"));
    assertThat(first.exitCode()).as(first.toString()).isZero();

    CliRun again = cli.run(pay(paymentNo, "tok_decline", "--json"));
    CliRun human = cli.run(pay(paymentNo, "tok_visa"));

    assertThat(again.exitCode()).as(again.toString()).isZero();
    JsonNode json = again.json();
    assertThat(json.get("started").asBoolean()).isFalse();
    assertThat(json.get("runId").asText()).isEqualTo(first.json().get("runId").asText());
    assertThat(json.get("status").asText()).isEqualTo("COMPLETED");
    assertThat(json.get("saga").get("status").asText()).isEqualTo("COMPLETED");
    assertThat(human.out()).contains("already ran").contains("Nothing was started").contains("COMPLETED");
    assertThat(stack.client().fetchHistory("payment-" + paymentNo).getEvents())
        .filteredOn(e -> e.getEventType().name().equals("EVENT_TYPE_ACTIVITY_TASK_SCHEDULED")
            && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals("CallPaymentChannel"))
        .hasSize(1);
  }
}
