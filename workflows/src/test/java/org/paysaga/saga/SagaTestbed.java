package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;
import static org.paysaga.payment.PaymentRefusals.MERCHANT_FROZEN;

import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.ActivityTaskScheduledEventAttributes;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.mockito.ArgumentCaptor;
import org.mockito.stubbing.Answer;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSaga;
import org.paysaga.payment.PaymentSagaImpl;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.refund.RefundActivities;
import org.paysaga.refund.RefundRequest;
import org.paysaga.refund.RefundSaga;
import org.paysaga.refund.RefundSagaImpl;
import org.paysaga.refund.RefundSteps;

/**
 * The real saga workflows ({@link PaymentSagaImpl}, {@link RefundSagaImpl},
 * {@link SagaCompensationImpl}) on Temporal's in-process, time-skipping test server, with every
 * activity mocked: no Redis, no sandbox. By default every step and compensation succeeds at its
 * first attempt and the lifecycle (register, park, finish) does nothing; a test scripts the
 * activities it cares about with {@link #payment} or {@link #refund} and a {@link StepScript}.
 *
 * <p>One testbed per test: each has a server, a clock and mocks of its own.
 */
public final class SagaTestbed implements AutoCloseable {
  public static final String TASK_QUEUE = "saga-run-test";
  /** The recovery settings most tests run with: a round every 5 minutes, for 20 minutes. */
  public static final SagaSettings SETTINGS = new SagaSettings(Duration.ofMinutes(5), Duration.ofMinutes(20));
  /**
   * With {@link #SETTINGS}, how often outstanding work that keeps failing runs before the saga
   * parks: the first round and four recovery rounds (20 min / 5 min), four attempts each.
   */
  public static final int CALLS_UNTIL_PARKED = 5 * 4;

  /** Every mocked activity that returns a receipt succeeds at once, reporting its attempt. */
  private static final Answer<Object> SUCCEEDS = invocation -> {
    if (invocation.getMethod().getReturnType() != StepReceipt.class) {
      return null;
    }
    var info = Activity.getExecutionContext().getInfo();
    return StepScript.receipt(info.getActivityType(), info.getAttempt());
  };

  public final TestWorkflowEnvironment env;
  public final WorkflowClient client;
  public final PaymentActivities payments =
      mock(PaymentActivities.class, withSettings().withoutAnnotations().defaultAnswer(SUCCEEDS));
  public final RefundActivities refunds =
      mock(RefundActivities.class, withSettings().withoutAnnotations().defaultAnswer(SUCCEEDS));
  public final SagaLifecycle lifecycle = mock(SagaLifecycle.class, withSettings().withoutAnnotations());
  public final SagaSettings settings;
  private final List<StepScript> scripts = new ArrayList<>();
  private int sagas;

  private SagaTestbed(SagaSettings settings, Map<String, Duration> stepTimeouts) {
    this.settings = settings;
    when(lifecycle.settings()).thenReturn(settings);
    env = TestWorkflowEnvironment.newInstance();
    SagaSearchAttributes.register(env.getWorkflowServiceStubs(), env.getNamespace());
    Worker worker = env.newWorker(TASK_QUEUE);
    // As SagaWorker registers them (activities module), with mocks instead of the Redis-backed activities.
    worker.registerWorkflowImplementationTypes(SagaActivityOptions.implementationOptions(
        SagaActivityOptions.perStep(PaymentSteps.ALL, stepTimeouts)), PaymentSagaImpl.class);
    worker.registerWorkflowImplementationTypes(SagaActivityOptions.implementationOptions(
        SagaActivityOptions.perStep(RefundSteps.ALL, stepTimeouts)), RefundSagaImpl.class);
    worker.registerWorkflowImplementationTypes(SagaCompensationImpl.class);
    worker.registerActivitiesImplementations(payments, refunds, lifecycle);
    env.start();
    client = env.getWorkflowClient();
  }

  /** A testbed with {@link #SETTINGS} and every step's default timeout. */
  public static SagaTestbed start() {
    return new SagaTestbed(SETTINGS, Map.of());
  }

  /** A testbed whose worker overrides these steps' start-to-close timeouts (as saga.steps.* does). */
  public static SagaTestbed withStepTimeouts(Map<String, Duration> stepTimeouts) {
    return new SagaTestbed(SETTINGS.withStepTimeouts(stepTimeouts), stepTimeouts);
  }

  /**
   * Makes one payment activity follow the script, e.g.
   * {@code bed.payment(PaymentActivities::refundPayment, StepScript.alwaysFails())}.
   */
  public StepScript payment(BiFunction<PaymentActivities, PaymentRequest, StepReceipt> activity, StepScript script) {
    activity.apply(doAnswer(script).when(payments), any());
    return track(script);
  }

  /** Makes one refund activity follow the script. */
  public StepScript refund(BiFunction<RefundActivities, RefundRequest, StepReceipt> activity, StepScript script) {
    activity.apply(doAnswer(script).when(refunds), any());
    return track(script);
  }

  private StepScript track(StepScript script) {
    scripts.add(script);
    return script.timedBy(env::currentTimeMillis);
  }

  /** A valid payment of 12.34 CNY to merchant m_shop, with a payment number new in this testbed. */
  public PaymentRequest newPayment() {
    return new PaymentRequest("P" + (1001 + sagas++), "m_shop", 1234, "CNY", "tok_visa");
  }

  /** Starts the payment's saga (workflow ID {@code payment-<paymentNo>}) without waiting. */
  public WorkflowStub startPayment(PaymentRequest request) {
    return startPayment(request, request.sagaId());
  }

  /** Starts a payment saga under any workflow ID (to show the saga refuses a mismatch). */
  public WorkflowStub startPayment(PaymentRequest request, String workflowId) {
    PaymentSaga saga = client.newWorkflowStub(PaymentSaga.class, options(workflowId));
    WorkflowClient.start(saga::pay, request);
    return WorkflowStub.fromTyped(saga);
  }

  public WorkflowStub startRefund(RefundRequest request) {
    RefundSaga saga = client.newWorkflowStub(RefundSaga.class, options(request.sagaId()));
    WorkflowClient.start(saga::refund, request);
    return WorkflowStub.fromTyped(saga);
  }

  /** Starts the generic compensation workflow for an order, under {@code <sagaId>-compensation}. */
  public WorkflowStub startCompensation(CompensationOrder order) {
    SagaCompensation workflow = client.newWorkflowStub(SagaCompensation.class,
        options(SagaCompensation.workflowIdFor(order.sagaId())));
    WorkflowClient.start(workflow::compensate, order);
    return WorkflowStub.fromTyped(workflow);
  }

  /**
   * Starts a payment whose merchant is frozen: CreditMerchant is refused, so the saga compensates
   * (ReverseMerchantCredit, RefundPayment, CancelOrder), and its RefundPayment follows the script.
   */
  public WorkflowStub startFrozenMerchantPayment(StepScript refund) {
    payment(PaymentActivities::creditMerchant, StepScript.refuses(MERCHANT_FROZEN));
    payment(PaymentActivities::refundPayment, refund);
    return startPayment(newPayment());
  }

  /**
   * Skips past the give-up window (and an hour more): a saga whose outstanding work kept failing
   * is then parked in the DLQ. Returns its state.
   */
  public SagaState skipPastGiveUp(WorkflowStub saga) {
    skip(settings.giveUpAfter().plusHours(1));
    return state(saga);
  }

  /** For tests that start in the DLQ: {@link #skipPastGiveUp}, and the saga must be parked there. */
  public SagaState skipUntilParked(WorkflowStub saga) {
    SagaState parked = skipPastGiveUp(saga);
    assertThat(parked.status()).as("parked in the DLQ: %s", parked).isEqualTo(SagaStatus.DLQ);
    return parked;
  }

  /** Every DLQ entry the sagas parked, oldest first (a re-park after a failed retry adds one). */
  public List<DlqEntry> parkedEntries() {
    ArgumentCaptor<DlqEntry> entries = ArgumentCaptor.forClass(DlqEntry.class);
    verify(lifecycle, atLeast(0)).park(entries.capture());
    return entries.getAllValues();
  }

  /** Runs the payment's saga to its end (skipping time as needed) and returns its final state. */
  public SagaState pay(PaymentRequest request) {
    return result(startPayment(request));
  }

  /** The workflow's result; waiting for it lets the test server skip time. */
  public static SagaState result(WorkflowStub saga) {
    return saga.getResult(SagaState.class);
  }

  /** The saga's {@code state} query, open or closed. */
  public static SagaState state(WorkflowStub saga) {
    return saga.query(SagaWorkflow.STATE_QUERY, SagaState.class);
  }

  /**
   * Lets this much test-server time pass, skipping it: timers fire, activities run, and when this
   * returns the sagas have done all they would do in that time.
   */
  public void skip(Duration time) {
    env.sleep(time);
  }

  /** Activity types the workflow scheduled, in order (a retried attempt is not scheduled again). */
  public List<String> scheduledActivities(WorkflowStub saga) {
    return scheduled(saga).stream().map(activity -> activity.getActivityType().getName()).toList();
  }

  /** The start-to-close timeout of each activity type the workflow scheduled. */
  public Map<String, Duration> scheduledTimeouts(WorkflowStub saga) {
    Map<String, Duration> timeouts = new LinkedHashMap<>();
    scheduled(saga).forEach(activity -> timeouts.put(activity.getActivityType().getName(), Duration.ofSeconds(
        activity.getStartToCloseTimeout().getSeconds(), activity.getStartToCloseTimeout().getNanos())));
    return timeouts;
  }

  private List<ActivityTaskScheduledEventAttributes> scheduled(WorkflowStub saga) {
    return client.fetchHistory(saga.getExecution().getWorkflowId()).getEvents().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(HistoryEvent::getActivityTaskScheduledEventAttributes)
        .toList();
  }

  private static WorkflowOptions options(String workflowId) {
    return WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue(TASK_QUEUE).build();
  }

  @Override
  public void close() {
    scripts.forEach(StepScript::release);
    env.close();
  }
}
