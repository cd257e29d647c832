package org.paysaga.sweeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;

import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.testing.TestEnvironmentOptions;
import org.paysaga.codec.EncryptionKey;
import org.paysaga.codec.Keyring;
import org.paysaga.codec.SagaDataConverter;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.saga.SagaSearchAttributes;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.catalog.SagaTypes;
import org.paysaga.dlq.DlqStore;
import org.paysaga.inflight.InflightRegistry;
import org.paysaga.lifecycle.RedisSagaLifecycle;
import org.paysaga.payment.CardTokens;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.sandbox.OrderStatus;
import org.paysaga.payment.sandbox.PaymentAudit;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import org.paysaga.activity.ServiceCallObserver;
import org.paysaga.activity.ServiceCalls;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.ports.Refusals;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;
import org.paysaga.saga.SweepCursor;
import org.paysaga.saga.SweepResult;
import org.paysaga.saga.SweeperSettings;
import org.paysaga.testing.IsolatedKeyspace;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/**
 * The sweeper on Temporal's test server (DescribeWorkflowExecution only, no visibility queries):
 * sagas are stand-ins of the payment saga's type whose barrier records the test writes through
 * the payment activities (barrier and sandbox), then ends the way Temporal would give up on them.
 */
class RedisSweeperActivitiesTest {
  private static final String TASK_QUEUE = "sweeper-test";
  private static final Duration TTL = Duration.ofDays(7);

  private static TestWorkflowEnvironment env;
  private static WorkflowClient client;

  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final IsolatedKeyspace keys = new IsolatedKeyspace(redis);
  private final InflightRegistry inflight = new InflightRegistry(redis, keys.keyspace());
  private final DlqStore dlq = new DlqStore(redis, keys.keyspace(), client.getOptions().getDataConverter());
  private final IdempotencyBarrier barrier = new IdempotencyBarrier(redis);
  private final SandboxPaymentServices sandbox = new SandboxPaymentServices(redis);
  private final RedisSweeperActivities sweeper = new RedisSweeperActivities(inflight, dlq, barrier,
      new RedisSagaLifecycle(inflight, dlq, barrier, SagaSettings.DEFAULTS, TTL), client,
      SagaTypes.catalog(), SweeperSettings.DEFAULTS, System::currentTimeMillis);

  private static TestActivityEnvironment activityEnv;
  private static PaymentActivities steps;

  @BeforeAll
  static void startTemporal() {
    RedisCommands<String, String> redis = RedisTestServer.get().commands();
    activityEnv = TestActivityEnvironment.newInstance();
    activityEnv.registerActivitiesImplementations(new PaymentSagaActivities(new SandboxPaymentServices(redis).services(),
        new ServiceCalls(new IdempotencyBarrier(redis), ServiceCallObserver.NONE)));
    steps = activityEnv.newActivityStub(PaymentActivities.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());
    // Encrypting, as the workers do: the sweeper reads the saga's input from an encrypted history.
    env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkflowClientOptions(WorkflowClientOptions.newBuilder()
            .setDataConverter(SagaDataConverter.encrypting(Keyring.of(EncryptionKey.generate("sweeper-test")))).build())
        .build());
    SagaSearchAttributes.register(env.getWorkflowServiceStubs(), env.getNamespace());
    Worker worker = env.newWorker(TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(StuckPaymentSaga.Impl.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterAll
  static void stopTemporal() {
    activityEnv.close();
    env.close();
  }

  @AfterEach
  void dropKeys() {
    keys.close();
  }

  @Test
  void aTerminatedSagaIsParkedWithItsStepsReadFromTheBarrier() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    WorkflowExecution execution = start(payment, null);
    steps.createOrder(payment);
    steps.callPaymentChannel(payment);
    terminate(payment);

    SweepResult sweep = sweeper.sweep(SweepCursor.START, 10);

    assertThat(sweep.parked()).containsExactly(payment.sagaId());
    DlqEntry entry = dlq.get(payment.sagaId()).orElseThrow();
    assertThat(entry.source()).isEqualTo(DlqEntry.SOURCE_SWEEPER);
    assertThat(entry.sagaWaiting()).isFalse();
    assertThat(entry.runId()).isEqualTo(execution.getRunId());
    assertThat(entry.sagaType()).isEqualTo(PaymentSaga.WORKFLOW_TYPE);
    assertThat(entry.businessKey()).isEqualTo(payment.paymentNo());
    assertThat(entry.reason()).isEqualTo("workflow terminated: test: Temporal gave up");
    // Described exactly as a saga that parks itself describes itself (amount as a decimal).
    assertThat(entry.attributes()).isEqualTo(payment.description())
        .containsEntry("merchantId", TestPayments.MERCHANT).containsEntry("amount", "12.34");
    // The input is kept encoded for a retry, and shown with its card token masked.
    assertThat(DlqStore.retryInput(entry, client.getOptions().getDataConverter())).isInstanceOfSatisfying(Map.class,
        input -> assertThat(input).containsEntry("paymentNo", payment.paymentNo())
            .containsEntry("cardToken", payment.cardToken()));
    // What Redis holds of the input is the client's payload: ciphertext.
    assertThat(new String(java.util.Base64.getDecoder().decode(entry.inputPayload()), java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(payment.cardToken()).doesNotContain(payment.paymentNo()).contains("binary/encrypted");
    assertThat(entry.inputView()).isInstanceOfSatisfying(Map.class,
        view -> assertThat(view).containsEntry("paymentNo", payment.paymentNo())
            .containsEntry("cardToken", CardTokens.mask(payment.cardToken())));
    assertThat(entry.steps()).extracting(StepState::step, StepState::status, StepState::compensationStatus)
        .containsExactly(
            tuple(CREATE_ORDER, StepStatus.SUCCEEDED, StepStatus.PENDING),
            tuple(CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, StepStatus.PENDING),
            tuple(CREDIT_MERCHANT, StepStatus.PENDING, StepStatus.NOT_REQUIRED),
            tuple(COMPLETE_ORDER, StepStatus.RUNNING, StepStatus.NOT_REQUIRED));
    assertThat(inflight.contains(payment.sagaId())).isFalse();
    assertThat(barrier.ttlSeconds(payment.sagaId())).as("parked: no TTL").isEqualTo(-1);
    // The seal: a CreditMerchant that was still on its way can no longer take effect.
    assertRefusedAsCompensated(() -> steps.creditMerchant(payment));
    assertThat(sandbox.audit(payment.sagaId()).ledgerCredits()).isZero();
  }

  @Test
  void aTimedOutSagaIsParked() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    start(payment, Duration.ofSeconds(1));
    steps.createOrder(payment);
    env.sleep(Duration.ofSeconds(5));

    SweepResult sweep = sweeper.sweep(SweepCursor.START, 10);

    assertThat(sweep.parked()).containsExactly(payment.sagaId());
    assertThat(dlq.get(payment.sagaId()).orElseThrow().reason()).isEqualTo("workflow timed_out");
  }

  @Test
  void aSagaThatLeftNothingBehindIsFinishedAndItsLateFirstStepIsRefused() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    start(payment, null);
    terminate(payment); // CreateOrder's first attempt may still be running on some worker

    SweepResult sweep = sweeper.sweep(SweepCursor.START, 10);

    assertThat(sweep.finished()).containsExactly(payment.sagaId());
    assertThat(sweep.parked()).isEmpty();
    assertThat(dlq.size()).isZero();
    assertThat(inflight.contains(payment.sagaId())).isFalse();
    assertRefusedAsCompensated(() -> steps.createOrder(payment));
    assertThat(sandbox.audit(payment.sagaId()).orderStatus()).isEqualTo(OrderStatus.NONE);
    assertThat(barrier.ttlSeconds(payment.sagaId())).isBetween(TTL.minusMinutes(1).toSeconds(), TTL.toSeconds());
  }

  // Fails since the sandbox no longer sits inside the barrier (80386bd): the charge began before
  // the seal, so the channel takes the money, its barrier record is refused as hanging, and the
  // seal's null compensation marks the refund NOT_REQUIRED: nobody refunds it. The seal records a
  // null compensation without calling the channel's refund, which would void the charge's key.
  @Test
  void aChargeStillOnItsWayWhenTheSweeperComesIsLeftOwedAndItsRefundUndoesIt() throws Exception {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.slowCard(1));
    start(payment, null);
    steps.createOrder(payment);
    CompletableFuture<Object> lateCharge = CompletableFuture.supplyAsync(() -> {
      try {
        return steps.callPaymentChannel(payment);
      } catch (ActivityFailure e) {
        return e.getCause();
      }
    });
    TestPayments.awaitAttempt(sandbox, payment.sagaId(), CALL_PAYMENT_CHANNEL);
    terminate(payment);

    SweepResult sweep = sweeper.sweep(SweepCursor.START, 10);

    // The charge began: the channel may take the money whatever the barrier says, so the seal
    // leaves its refund owed instead of recording a null compensation.
    assertThat(sweep.parked()).containsExactly(payment.sagaId());
    StepState charge = dlq.get(payment.sagaId()).orElseThrow().steps().get(1);
    assertThat(charge.compensationStatus()).as("the refund is owed").isEqualTo(StepStatus.PENDING);
    lateCharge.get(10, TimeUnit.SECONDS);
    steps.refundPayment(payment);
    PaymentAudit audit = sandbox.audit(payment.sagaId());
    assertThat(audit.charges()).isLessThanOrEqualTo(1);
    assertThat(audit.netChargedMinor()).isZero();
  }

  @Test
  void aSagaTemporalDoesNotKnowIsParked() {
    String sagaId = "payment-" + TestPayments.uniquePaymentNo("unknown");
    inflight.register(sagaId, 1_000L);

    SweepResult sweep = sweeper.sweep(SweepCursor.START, 10);

    assertThat(sweep.parked()).containsExactly(sagaId);
    DlqEntry entry = dlq.get(sagaId).orElseThrow();
    assertThat(entry.reason()).startsWith("workflow not found in Temporal");
    assertThat(entry.steps()).isEmpty();
  }

  @Test
  void aCompletedSagaJustLeavesTheRegistry() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    start(payment, null);
    client.newWorkflowStub(StuckPaymentSaga.class, payment.sagaId()).end();
    client.newUntypedWorkflowStub(payment.sagaId()).getResult(Void.class);

    SweepResult sweep = sweeper.sweep(SweepCursor.START, 10);

    assertThat(sweep.finished()).containsExactly(payment.sagaId());
    assertThat(inflight.size()).isZero();
    assertThat(dlq.size()).isZero();
  }

  @Test
  void runningSagasAreLeftAloneAndTheCursorWalksTheRegistryInBatches() {
    List<PaymentRequest> payments = IntStream.range(0, 3)
        .mapToObj(i -> TestPayments.withCard(SandboxMagicValues.CARD_OK)).toList();
    for (int i = 0; i < payments.size(); i++) {
      start(payments.get(i), null);
      inflight.remove(payments.get(i).sagaId()); // registered again with start times the test knows
      inflight.register(payments.get(i).sagaId(), 1_000L + i);
    }

    SweepResult first = sweeper.sweep(SweepCursor.START, 2);
    SweepResult second = sweeper.sweep(first.next(), 2);

    assertThat(first.examined()).isEqualTo(2);
    assertThat(first.next()).isEqualTo(new SweepCursor(1_001L, payments.get(1).sagaId(), 0));
    assertThat(second.examined()).isEqualTo(1);
    assertThat(second.next()).as("the end: start over").isEqualTo(SweepCursor.START);
    assertThat(first.parked()).isEmpty();
    assertThat(second.parked()).isEmpty();
    assertThat(inflight.size()).isEqualTo(3);
    payments.forEach(this::terminate);
  }

  @Test
  void withoutVisibilityTheWalkAloneFindsTheSagaAndTheWatermarkStays() {
    PaymentRequest payment = TestPayments.withCard(SandboxMagicValues.CARD_OK);
    start(payment, null);
    steps.callPaymentChannel(payment);
    terminate(payment);
    SweepCursor watermarked = SweepCursor.START.withClosedSince(1_700_000_000_000L);

    // The test server answers ListWorkflowExecutions UNIMPLEMENTED, sweep after sweep.
    SweepResult first = sweeper.sweep(watermarked, 10);
    SweepResult second = sweeper.sweep(first.next(), 10);

    assertThat(first.parked()).containsExactly(payment.sagaId());
    assertThat(first.closedNamed()).isZero();
    assertThat(first.next().closedSince()).as("no answer: asked again from the same moment")
        .isEqualTo(watermarked.closedSince());
    assertThat(second.next().closedSince()).isEqualTo(watermarked.closedSince());
  }

  @Test
  void sweepersRacingParkEachSagaOnceAndDoubleNothing() throws Exception {
    List<PaymentRequest> payments = IntStream.range(0, 3)
        .mapToObj(i -> TestPayments.withCard(SandboxMagicValues.CARD_OK)).toList();
    for (PaymentRequest payment : payments) {
      start(payment, null);
      steps.callPaymentChannel(payment);
      terminate(payment);
    }
    CountDownLatch go = new CountDownLatch(1);
    List<CompletableFuture<SweepResult>> sweeps = IntStream.range(0, 4)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
          await(go);
          return sweeper.sweep(SweepCursor.START, 10);
        })).toList();
    go.countDown();
    for (CompletableFuture<SweepResult> sweep : sweeps) {
      sweep.get(30, TimeUnit.SECONDS);
    }

    assertThat(dlq.size()).isEqualTo(3);
    assertThat(dlq.list(0, 10)).extracting(DlqEntry::sagaId)
        .containsExactlyInAnyOrderElementsOf(payments.stream().map(PaymentRequest::sagaId).toList());
    assertThat(inflight.size()).isZero();
    for (PaymentRequest payment : payments) {
      PaymentAudit audit = sandbox.audit(payment.sagaId());
      assertThat(audit.charges()).isEqualTo(1);
      assertThat(audit.refunds()).isZero();
    }
  }

  /** The step is refused by the barrier as arriving after its (null) compensation. */
  private static void assertRefusedAsCompensated(org.assertj.core.api.ThrowableAssert.ThrowingCallable step) {
    assertThatThrownBy(step).isInstanceOfSatisfying(ActivityFailure.class, failure ->
        assertThat(failure.getCause()).isInstanceOfSatisfying(ApplicationFailure.class, cause -> {
          assertThat(cause.getType()).isEqualTo(Refusals.ALREADY_COMPENSATED);
          assertThat(cause.isNonRetryable()).isTrue();
        }));
  }

  private WorkflowExecution start(PaymentRequest payment, Duration executionTimeout) {
    WorkflowOptions.Builder options = WorkflowOptions.newBuilder()
        .setWorkflowId(payment.sagaId())
        .setTaskQueue(TASK_QUEUE);
    if (executionTimeout != null) {
      options.setWorkflowExecutionTimeout(executionTimeout);
    }
    StuckPaymentSaga saga = client.newWorkflowStub(StuckPaymentSaga.class, options.build());
    WorkflowExecution execution = WorkflowClient.start(saga::pay, payment);
    inflight.register(payment.sagaId(), System.currentTimeMillis()); // what the saga's first step does
    return execution;
  }

  private void terminate(PaymentRequest payment) {
    client.newUntypedWorkflowStub(payment.sagaId()).terminate("test: Temporal gave up");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
