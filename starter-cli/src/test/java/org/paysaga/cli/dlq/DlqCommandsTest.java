package org.paysaga.cli.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.errors.ExitCodes;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.SagaTestStack;
import org.paysaga.dlq.DlqStore;
import org.paysaga.payment.CardTokens;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.CompensationOrder;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;
import org.paysaga.testing.TestPayments;

/** The DLQ commands against sagas the worker parked in the real Redis. */
class DlqCommandsTest {
  private static final SagaTestStack stack = SagaTestStack.get();
  private static final Cli cli = stack.cli();
  /** Parks after its four refund attempts, and its fifth (the retry) succeeds. */
  private static CompletableFuture<SagaState> retriable;
  private static List<SagaState> refused;

  @BeforeAll
  static void parkSagas() {
    retriable = CompletableFuture.supplyAsync(
        () -> stack.parkSagas(SandboxMagicValues.refundFlakyCard(4), 1).get(0));
    refused = stack.parkSagas(SandboxMagicValues.CARD_REFUND_REFUSED, 3);
  }

  private static List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.get("entries").forEach(entry -> ids.add(entry.get("sagaId").asText()));
    return ids;
  }

  @Test
  void listShowsTheEntriesNewestFirst() {
    CliRun json = cli.run("dlq", "list", "--limit", "1000", "--json");
    CliRun human = cli.run("dlq", "list");
    CliRun page = cli.run("dlq", "list", "--limit", "1", "--json");

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode list = json.json();
    List<String> ids = ids(list);
    assertThat(ids).contains(refused.get(0).sagaId(), refused.get(1).sagaId(), refused.get(2).sagaId());
    assertThat(list.get("total").asLong()).isGreaterThanOrEqualTo(3);
    assertThat(list.get("offset").asInt()).isZero();
    assertThat(list.get("limit").asInt()).isEqualTo(1000);
    List<String> dlqAt = new ArrayList<>();
    list.get("entries").forEach(entry -> dlqAt.add(entry.get("dlqAt").asText()));
    assertThat(dlqAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    JsonNode entry = list.get("entries").get(ids.indexOf(refused.get(0).sagaId()));
    assertThat(entry.get("sagaType").asText()).isEqualTo("PaymentSaga");
    assertThat(entry.get("businessKey").asText()).isEqualTo(refused.get(0).businessKey());
    assertThat(entry.get("source").asText()).isEqualTo("recovery");
    assertThat(entry.get("sagaWaiting").asBoolean()).isTrue();
    assertThat(entry.get("retries").asInt()).isZero();
    assertThat(entry.get("reason").asText()).contains("RefundPayment");
    assertThat(entry.get("workflowId").asText()).isEqualTo(refused.get(0).sagaId());

    assertThat(human.exitCode()).isZero();
    assertThat(human.out()).contains("ID", "TYPE", "KEY", "SOURCE", "RETRIES", "IN DLQ SINCE", "REASON")
        .contains("newest first");
    assertThat(page.json().get("entries")).hasSize(1);
    assertThat(page.json().get("entries").get(0).get("sagaId").asText()).isEqualTo(ids.get(0));
  }

  @Test
  void showPrintsEveryFieldOfTheEntry() {
    SagaState saga = refused.get(0);

    CliRun json = cli.run("dlq", "show", saga.sagaId(), "--json");
    CliRun byPaymentNo = cli.run("dlq", "show", saga.businessKey());

    assertThat(json.exitCode()).as(json.toString()).isZero();
    JsonNode entry = json.json().get("entry");
    assertThat(entry.get("sagaId").asText()).isEqualTo(saga.sagaId());
    assertThat(entry.get("runId").asText()).isNotBlank();
    assertThat(entry.get("attributes").get("merchantId").asText()).isEqualTo("m_frozen");
    assertThat(entry.get("attributes").get("amount").asText()).isEqualTo("12.34");
    assertThat(entry.get("failureChain").size()).isGreaterThanOrEqualTo(2);
    assertThat(entry.get("failureChain").get(0).asText()).contains("MerchantFrozen");
    assertThat(entry.get("steps")).hasSize(4);
    assertThat(entry.get("steps").get(1).get("compensationStatus").asText()).isEqualTo("FAILED");
    assertThat(entry.get("input").get("paymentNo").asText()).isEqualTo(saga.businessKey());
    // What people see of the input: the card token masked, and no encoded payload.
    assertThat(entry.get("input").get("cardToken").asText()).isEqualTo(CardTokens.mask(SandboxMagicValues.CARD_REFUND_REFUSED));
    assertThat(json.out()).doesNotContain(SandboxMagicValues.CARD_REFUND_REFUSED).doesNotContain("inputPayload");
    assertThat(entry.get("firstFailureAt").asText()).endsWith("Z");
    assertThat(entry.get("dlqAt").asText()).endsWith("Z");
    assertThat(json.json().get("historyUrl").asText()).contains("/workflows/" + saga.sagaId() + "/");

    assertThat(byPaymentNo.exitCode()).as(byPaymentNo.toString()).isZero();
    assertThat(byPaymentNo.out()).contains("reason").contains("Failures, oldest first:")
        .contains("RefundPayment").contains("saga dlq retry " + saga.sagaId())
        .doesNotContain(SandboxMagicValues.CARD_REFUND_REFUSED);
    assertThat(stack.redis().commands().hget(SagaKeyspace.DEFAULT.dlqEntries(), saga.sagaId()))
        .as("Redis holds no plain card token").doesNotContain(SandboxMagicValues.CARD_REFUND_REFUSED);
  }

  @Test
  void sizeCountsTheEntries() {
    CliRun human = cli.run("dlq", "size");
    CliRun json = cli.run("dlq", "size", "--json");

    long total = cli.run("dlq", "list", "--json").json().get("total").asLong();

    assertThat(human.exitCode()).isZero();
    // refused.get(0) stays parked; other tests take theirs out meanwhile.
    assertThat(Long.parseLong(human.out().strip())).isPositive();
    assertThat(json.json().get("size").asLong()).isPositive().isEqualTo(total);
  }

  @Test
  void resolveClosesTheSagaWithTheNote() {
    SagaState saga = refused.get(1);

    CliRun run = cli.run("dlq", "resolve", saga.sagaId(), "--note", "refunded by bank transfer, OPS-7", "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.json().get("note").asText()).isEqualTo("refunded by bank transfer, OPS-7");
    SagaState resolved = stack.awaitStatus(saga.sagaId(), SagaStatus.RESOLVED);
    assertThat(resolved.note()).isEqualTo("refunded by bank transfer, OPS-7");
    assertThat(cli.run("status", saga.businessKey()).out()).contains("RESOLVED").contains("OPS-7");
    assertThat(awaitGone(saga.sagaId()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void removeRefusesAWaitingSagaUnlessForced() {
    SagaState saga = refused.get(2);

    CliRun refusedRun = cli.run("dlq", "remove", saga.sagaId());
    assertThat(refusedRun.exitCode()).as(refusedRun.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(refusedRun.err()).startsWith("error: refused").contains("--force").contains("resolve");
    assertThat(cli.run("dlq", "show", saga.sagaId()).exitCode()).isZero();

    CliRun forced = cli.run("dlq", "remove", saga.sagaId(), "--force", "--json");
    assertThat(forced.exitCode()).as(forced.toString()).isZero();
    assertThat(forced.json().get("removed").asBoolean()).isTrue();
    assertThat(forced.json().get("forced").asBoolean()).isTrue();
    assertThat(cli.run("dlq", "show", saga.sagaId()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void retrySignalsTheWaitingSagaWhichThenCompensates() {
    SagaState saga = retriable.join();

    CliRun run = cli.run("dlq", "retry", saga.sagaId(), "--json");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.json().get("action").asText()).isEqualTo("signalled");
    assertThat(run.json().get("workflowId").asText()).isEqualTo(saga.sagaId());
    SagaState compensated = stack.awaitStatus(saga.sagaId(), SagaStatus.COMPENSATED);
    assertThat(compensated.step(PaymentSteps.CALL_PAYMENT_CHANNEL).compensationStatus())
        .isEqualTo(StepStatus.SUCCEEDED);
    assertThat(awaitGone(saga.sagaId()).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
  }

  @Test
  void retryOfASagaTemporalEndedStartsTheCompensationWorkflow() {
    // A saga Temporal ended mid-charge, parked as the sweeper parks it: order and charge to undo.
    PaymentRequest request = TestPayments.payment(SandboxMagicValues.slowCard(2), "m_shop");
    List<StepState> steps = terminatedMidCharge(request);
    stack.dlq().park(new DlqEntry(request.sagaId(), request.sagaId(), "terminated-run", "PaymentSaga",
        request.paymentNo(), Map.of("paymentNo", request.paymentNo()), "workflow terminated",
        List.of("workflow terminated"), steps, System.currentTimeMillis(), System.currentTimeMillis(), 0,
        DlqEntry.SOURCE_SWEEPER, request));

    CliRun shown = cli.run("dlq", "show", request.sagaId(), "--json");
    JsonNode show = shown.json();
    CliRun retry = cli.run("dlq", "retry", request.sagaId(), "--json");

    assertThat(show.get("entry").get("sagaWaiting").asBoolean()).isFalse();
    assertThat(shown.out()).doesNotContain(request.cardToken());
    assertThat(retry.exitCode()).as(retry.toString()).isZero();
    assertThat(retry.json().get("action").asText()).isEqualTo("compensationStarted");
    String compensation = retry.json().get("workflowId").asText();
    assertThat(compensation).isEqualTo(request.sagaId() + "-compensation");
    assertThat(orderInput(compensation)).as("the retry refunds with the real token")
        .containsEntry("cardToken", request.cardToken());
    SagaState undone = stack.awaitStatus(compensation, SagaStatus.COMPENSATED);
    assertThat(undone.steps()).extracting(StepState::compensationStatus).contains(StepStatus.SUCCEEDED);
    CliRun status = cli.run("status", compensation, "--json");
    assertThat(status.exitCode()).as(status.toString()).isZero();
    // The saga as a whole: Temporal ended it, the retry's compensation undid it.
    CliRun saga = cli.run("status", request.paymentNo(), "--json");
    assertThat(saga.exitCode()).as(saga.toString()).isZero();
    assertThat(saga.json().get("workflowStatus").asText()).isEqualTo("TERMINATED");
    assertThat(saga.json().get("source").asText()).isEqualTo("compensation");
    assertThat(saga.json().get("compensationWorkflowId").asText()).isEqualTo(compensation);
    assertThat(saga.json().get("saga").get("status").asText()).isEqualTo("COMPENSATED");
    assertThat(saga.json().get("inDlq").asBoolean()).isFalse();
  }

  @Test
  void anEntryWrittenBeforeInputsWereEncodedIsShownMaskedAndRetriedWithItsInput() throws Exception {
    // As the old code wrote an entry of a saga Temporal ended: its input as a plain JSON object.
    PaymentRequest request = TestPayments.payment(SandboxMagicValues.slowCard(2), "m_shop");
    List<StepState> steps = terminatedMidCharge(request);
    long now = System.currentTimeMillis();
    com.fasterxml.jackson.databind.node.ObjectNode old = new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(
        new DlqEntry(request.sagaId(), request.sagaId(), "terminated-run", "PaymentSaga", request.paymentNo(),
            request.description(), "workflow terminated", List.of("workflow terminated"), steps, now, now, 0,
            DlqEntry.SOURCE_SWEEPER, request));
    old.remove(List.of("inputPayload", "inputView"));
    stack.redis().commands().hset(SagaKeyspace.DEFAULT.dlqEntries(), request.sagaId(), old.toString());
    stack.redis().commands().zadd(SagaKeyspace.DEFAULT.dlqIndex(), now, request.sagaId());

    CliRun list = cli.run("dlq", "list", "--limit", "1000", "--json");
    CliRun show = cli.run("dlq", "show", request.sagaId(), "--json");
    CliRun showText = cli.run("dlq", "show", request.sagaId());
    CliRun retry = cli.run("dlq", "retry", request.sagaId(), "--json");

    assertThat(list.exitCode()).as(list.toString()).isZero();
    assertThat(ids(list.json())).contains(request.sagaId());
    assertThat(show.exitCode()).as(show.toString()).isZero();
    assertThat(show.json().get("entry").get("input").get("cardToken").asText())
        .isEqualTo(CardTokens.mask(request.cardToken()));
    assertThat(show.out() + showText.out() + list.out()).doesNotContain(request.cardToken());
    assertThat(retry.exitCode()).as(retry.toString()).isZero();
    String compensation = retry.json().get("workflowId").asText();
    assertThat(orderInput(compensation)).containsEntry("cardToken", request.cardToken());
    assertThat(stack.awaitStatus(compensation, SagaStatus.COMPENSATED).steps())
        .extracting(StepState::compensationStatus).contains(StepStatus.SUCCEEDED);
  }

  /** The input a compensation workflow was started with, as its order carries it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> orderInput(String compensationWorkflowId) {
    io.temporal.api.common.v1.Payloads input = stack.client().fetchHistory(compensationWorkflowId).getEvents().get(0)
        .getWorkflowExecutionStartedEventAttributes().getInput();
    CompensationOrder order = stack.client().getOptions().getDataConverter()
        .fromPayloads(0, java.util.Optional.of(input), CompensationOrder.class, CompensationOrder.class);
    return (Map<String, Object>) order.input();
  }

  @Test
  void retryOfASagaTemporalNoLongerKnowsSaysWhatTheOperatorCanDo() {
    // Parked by the sweeper as "workflow not found": no type, no steps, no input to compensate with.
    String sagaId = "payment-" + TestPayments.uniquePaymentNo("gone");
    stack.dlq().park(new DlqEntry(sagaId, sagaId, null, null, sagaId, Map.of(),
        "workflow not found in Temporal (retention passed or never started)", List.of(), List.of(),
        System.currentTimeMillis(), System.currentTimeMillis(), 0, DlqEntry.SOURCE_SWEEPER, null));

    CliRun retry = cli.run("dlq", "retry", sagaId);

    assertThat(retry.exitCode()).as(retry.toString()).isEqualTo(ExitCodes.FAILED);
    assertThat(retry.err()).contains("cannot be retried").contains("saga dlq resolve " + sagaId + " --note")
        .contains("saga dlq remove " + sagaId).doesNotContain("NullPointerException");
    assertThat(cli.run("dlq", "show", sagaId).exitCode()).as("the entry stays").isZero();
  }

  @Test
  void theKeyPrefixOptionReadsAnotherDeploymentsDlq() {
    String prefix = "ops-b-" + System.nanoTime();
    String sagaId = "payment-" + TestPayments.uniquePaymentNo("prefixed");
    new DlqStore(stack.redis().commands(), new SagaKeyspace(prefix)).park(
        new DlqEntry(sagaId, sagaId, null, null, sagaId, Map.of(), "parked elsewhere", List.of(), List.of(),
            System.currentTimeMillis(), System.currentTimeMillis(), 0, DlqEntry.SOURCE_SWEEPER, null));

    assertThat(cli.run("dlq", "show", sagaId, "--redis-key-prefix", prefix).exitCode()).isZero();
    assertThat(cli.run("dlq", "show", sagaId).exitCode()).as("not in the default deployment's DLQ")
        .isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli.run("dlq", "size", "--redis-key-prefix", prefix, "--json").json().get("size").asLong()).isEqualTo(1);
  }

  @Test
  void aSagaTemporalEndedAndSweptIsReportedInTheDlqByStatus() {
    PaymentRequest request = TestPayments.payment("tok_slow_10", "m_shop");
    stack.payments().start(request);
    WorkflowStub stub = stack.client().newUntypedWorkflowStub(request.sagaId());
    stub.terminate("lost");
    stack.dlq().park(new DlqEntry(request.sagaId(), request.sagaId(), "run", "PaymentSaga", request.paymentNo(),
        Map.of(), "workflow terminated", List.of("workflow terminated"), List.of(), 1, System.currentTimeMillis(),
        0, DlqEntry.SOURCE_SWEEPER, request));

    JsonNode status = cli.run("status", request.paymentNo(), "--json").json();

    assertThat(status.get("saga").get("status").asText()).isEqualTo("FAILED");
    assertThat(status.get("inDlq").asBoolean()).isTrue();
    assertThat(cli.run("dlq", "remove", request.sagaId()).exitCode()).isZero();
  }

  @Test
  void unknownEntriesExitThree() {
    for (String[] args : List.of(new String[] {"dlq", "show", "payment-nope"}, new String[] {"dlq", "retry", "nope"},
        new String[] {"dlq", "resolve", "nope", "--note", "x"}, new String[] {"dlq", "remove", "nope", "--force"})) {
      CliRun run = cli.run(args);
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.NOT_FOUND);
      assertThat(run.err()).isEqualTo("error: no DLQ entry payment-nope\n");
    }
    assertThat(cli.run("dlq", "show", "nope", "--json").json().get("error").get("exitCode").asInt()).isEqualTo(3);
  }

  private static void awaitStep(String sagaId, String step, StepStatus status) {
    await().alias(sagaId + " " + step + " " + status).atMost(Duration.ofSeconds(30))
        .until(() -> stack.payments().state(sagaId).step(step).status() == status);
  }

  /** After the saga finished, its entry goes (the lifecycle's finish runs right after). */
  private static CliRun awaitGone(String sagaId) {
    return await().alias("the DLQ entry of " + sagaId + " gone").atMost(Duration.ofSeconds(10))
        .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
        .until(() -> cli.run("dlq", "show", sagaId), run -> run.exitCode() != 0);
  }

  /** Starts the saga and has Temporal end it mid-charge: the steps as the sweeper reads them then. */
  private List<StepState> terminatedMidCharge(PaymentRequest request) {
    stack.payments().start(request);
    awaitStep(request.sagaId(), PaymentSteps.CALL_PAYMENT_CHANNEL, StepStatus.RUNNING);
    stack.client().newUntypedWorkflowStub(request.sagaId()).terminate("worker lost, saga given up");
    List<StepState> steps = List.of(
        new StepState("CreateOrder", StepStatus.SUCCEEDED, 1, "CancelOrder", StepStatus.PENDING, 0, null),
        new StepState("CallPaymentChannel", StepStatus.RUNNING, 1, "RefundPayment", StepStatus.PENDING, 0, null),
        new StepState("CreditMerchant", StepStatus.PENDING, 0, "ReverseMerchantCredit", StepStatus.NOT_REQUIRED, 0,
            null),
        new StepState("CompleteOrder", StepStatus.PENDING, 0, null, StepStatus.NOT_REQUIRED, 0, null));
    return steps;
  }
}
