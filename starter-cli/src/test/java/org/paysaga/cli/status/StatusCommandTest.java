package org.paysaga.cli.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.Payments;
import org.paysaga.cli.testing.SagaTestStack;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.saga.SagaState;

class StatusCommandTest {
  private final SagaTestStack stack = SagaTestStack.get();
  private final Cli cli = stack.cli();
  private final Payments payments = new Payments(stack);

  @Test
  void aClosedSagaIsReadFromItsResult() {
    SagaState done = payments.run("tok_decline", "m_shop");

    CliRun human = cli.run("status", done.businessKey());
    CliRun json = cli.run("status", done.sagaId(), "--json");

    assertThat(human.exitCode()).as(human.toString()).isZero();
    assertThat(human.out()).contains("Saga " + done.sagaId() + " (payment " + done.businessKey() + "): COMPENSATED")
        .contains("STEP").contains("COMP. STATUS").contains("CallPaymentChannel")
        .contains("Read from the workflow result")
        .contains("Search attributes: SagaStatus=COMPENSATED, SagaType=PaymentSaga, PaymentNo=" + done.businessKey()
            + ", MerchantId=m_shop, SagaFailedStep=CallPaymentChannel")
        .contains("Temporal UI: http://ui.test:8080/namespaces/default/workflows/" + done.sagaId() + "/");
    JsonNode result = json.json();
    assertThat(result.get("sagaId").asText()).isEqualTo(done.sagaId());
    assertThat(result.get("workflowStatus").asText()).isEqualTo("COMPLETED");
    assertThat(result.get("open").asBoolean()).isFalse();
    assertThat(result.get("source").asText()).isEqualTo("result");
    assertThat(result.get("inDlq").asBoolean()).isFalse();
    assertThat(result.get("saga").get("status").asText()).isEqualTo("COMPENSATED");
    assertThat(result.get("saga").get("paymentNo").asText()).isEqualTo(done.businessKey());
    assertThat(result.get("saga").get("compensationsSucceeded").asInt()).isEqualTo(2);
    assertThat(result.get("searchAttributes").get("SagaStatus").asText()).isEqualTo("COMPENSATED");
    assertThat(result.get("searchAttributes").get("SagaFailedStep").asText()).isEqualTo("CallPaymentChannel");
    assertThat(result.get("historyUrl").asText())
        .isEqualTo("http://ui.test:8080/namespaces/default/workflows/" + done.sagaId() + "/"
            + result.get("runId").asText() + "/history");
  }

  @Test
  void anOpenSagaIsReadWithTheStateQuery() {
    PaymentRequest slow = payments.start("tok_slow_4", "m_shop");

    CliRun run = cli.run("status", slow.paymentNo(), "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode result = run.json();
    assertThat(result.get("open").asBoolean()).isTrue();
    assertThat(result.get("source").asText()).isEqualTo("query");
    assertThat(result.get("workflowStatus").asText()).isEqualTo("RUNNING");
    assertThat(result.get("saga").get("status").asText()).isEqualTo("RUNNING");
    assertThat(result.get("saga").get("terminal").asBoolean()).isFalse();
    assertThat(cli.run("status", slow.paymentNo()).out()).contains("Read with the state query: the saga is open");
  }

  @Test
  void aSagaTemporalEndedIsReadFromItsCloseStatus() {
    PaymentRequest slow = payments.start("tok_slow_10", "m_shop");
    WorkflowStub stub = stack.client().newUntypedWorkflowStub(slow.sagaId());
    stub.terminate("operator pulled the plug");

    CliRun run = cli.run("status", slow.paymentNo(), "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode result = run.json();
    assertThat(result.get("workflowStatus").asText()).isEqualTo("TERMINATED");
    assertThat(result.get("source").asText()).isEqualTo("closeStatus");
    assertThat(result.get("saga").get("status").asText()).isEqualTo("FAILED");
    assertThat(result.get("saga").get("failure").asText()).contains("terminated");
  }

  @Test
  void aSagaInTheDlqSaysSo() {
    SagaState parked = stack.parkedSaga();

    CliRun human = cli.run("status", parked.businessKey());
    CliRun json = cli.run("status", parked.businessKey(), "--json");

    assertThat(human.exitCode()).as(human.toString()).isZero();
    assertThat(human.out()).contains(": DLQ").contains("waits in the dead-letter queue")
        .contains("saga dlq show " + parked.sagaId());
    assertThat(json.json().get("inDlq").asBoolean()).isTrue();
    assertThat(json.json().get("open").asBoolean()).isTrue();
    assertThat(json.json().get("saga").get("compensationsFailed").asInt()).isEqualTo(1);
  }

  @Test
  void anOpenSagaWithoutAWorkerSaysSoInTime() {
    PaymentRequest orphan = org.paysaga.testing.TestPayments.withCard("tok_visa");
    new org.paysaga.payment.PaymentSagaClient(stack.client(),
        new org.paysaga.payment.PaymentSagaClient.Options("nobody-polls-" + orphan.paymentNo(), null)).start(orphan);

    CliRun run = cli.run("status", orphan.paymentNo());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(run.err()).contains(orphan.sagaId()).contains("worker").doesNotContain("\tat ");
    assertThat(run.millis()).isLessThan(15_000);
    stack.client().newUntypedWorkflowStub(orphan.sagaId()).terminate("test done");
  }

  @Test
  void anUnknownSagaExitsThree() {
    CliRun run = cli.run("status", "no-such-payment");
    CliRun json = cli.run("status", "payment-no-such-payment", "--json");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(run.err()).isEqualTo("error: no saga payment-no-such-payment (namespace default at "
        + stack.temporalAddress() + ")\n");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(json.json().get("error").get("exitCode").asInt()).isEqualTo(3);
  }
}
