package org.paysaga.activity;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.paysaga.barrier.BarrierDecision;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.StepReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one activity layer around a payment service call, whatever the adapter: the idempotency
 * barrier, the step's idempotency key handed downstream, the mapping of the ports' failures to
 * Temporal failures (refusals are never retried), the attempt log and the call metrics.
 *
 * <p>The key of a call is {@code <sagaId>:<activity type>}. Between the barrier's {@code begin}
 * and {@code record} a worker may die after the service acted; the retried call carries the same
 * key and the service replays its first answer. A compensation calls the service's undo even when
 * the barrier knows of no forward: the service undoes what the forward's key did, or voids that key
 * so a forward still on its way is refused (docs/idempotency-and-dlq.md).
 */
public final class ServiceCalls {
  private static final Logger log = LoggerFactory.getLogger(ServiceCalls.class);
  /** The reference of a compensation that found nothing to undo. */
  public static final String NOTHING_TO_UNDO = "nothing-to-undo";

  private final IdempotencyBarrier barrier;
  private final ServiceCallObserver observer;

  public ServiceCalls(IdempotencyBarrier barrier, ServiceCallObserver observer) {
    this.barrier = barrier;
    this.observer = observer;
  }

  /**
   * A forward call of {@code step} (its forward activity type, the barrier's step name): takes
   * effect at most once, and not at all after the step's compensation.
   *
   * @param sagaId validates the request and names the saga (a refusal when it is invalid)
   * @param call the service call, given the idempotency key
   */
  public StepReceipt forward(Supplier<String> sagaId, String step, ServicePort port, Function<String, String> call) {
    return guarded(sagaId, step, true, port, key -> Optional.of(call.apply(key)));
  }

  /** The compensation of {@code step}: the undo, given its own idempotency key; empty when there was nothing to undo. */
  public StepReceipt compensation(Supplier<String> sagaId, String step, ServicePort port,
      Function<String, Optional<String>> undo) {
    return guarded(sagaId, step, false, port, undo);
  }

  private StepReceipt guarded(Supplier<String> sagaIdOf, String step, boolean forward, ServicePort port,
      Function<String, Optional<String>> call) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    String activityType = info.getActivityType();
    try {
      // The saga ID comes from the request, not the workflow: a compensation workflow run for a
      // saga Temporal gave up on must hit the same barrier records and keys.
      String sagaId = sagaIdOf.get();
      BarrierStep barrierStep = forward ? BarrierStep.forward(sagaId, step) : BarrierStep.compensation(sagaId, step);
      String key = SagaKeyspace.idempotencyKey(sagaId, activityType);
      BarrierDecision decision = barrier.begin(barrierStep);
      String reference = switch (decision.verdict()) {
        case REPLAYED -> IdempotencyBarrier.NULL_COMPENSATION.equals(decision.recorded())
            ? NOTHING_TO_UNDO : decision.recorded();
        case HANGING -> throw new ServiceRefusedException(PaymentRefusals.SAGA_ALREADY_COMPENSATED,
            step + " arrived after its compensation was recorded: it takes no effect");
        // No forward record: nothing the barrier knows of, not nothing the service did. Tell it.
        case NOTHING_TO_DO -> call(port, activityType, key, call).orElse(NOTHING_TO_UNDO);
        case PROCEED -> record(barrierStep, call(port, activityType, key, call));
      };
      log.info("saga={} step={} attempt={} reference={}", sagaId, activityType, info.getAttempt(), reference);
      return new StepReceipt(reference, info.getAttempt());
    } catch (InvalidPaymentRequestException e) {
      throw failure(info, PaymentRefusals.INVALID_REQUEST, e.getMessage(), false);
    } catch (ServiceRefusedException e) {
      throw failure(info, e.reason(), e.getMessage(), false);
    } catch (ServiceUnavailableException e) {
      throw failure(info, port.unavailableType(), e.getMessage(), true);
    } catch (OutcomeUnknownException e) {
      throw failure(info, port.unavailableType(), "no answer, retried with the same key: " + e.getMessage(), true);
    }
  }

  private Optional<String> call(ServicePort port, String activityType, String key,
      Function<String, Optional<String>> call) {
    long started = System.nanoTime();
    ServiceCallObserver.Outcome outcome = ServiceCallObserver.Outcome.UNKNOWN;
    try {
      Optional<String> reference = call.apply(key);
      outcome = ServiceCallObserver.Outcome.SUCCESS;
      return reference;
    } catch (ServiceRefusedException e) {
      outcome = ServiceCallObserver.Outcome.REFUSED;
      throw e;
    } catch (ServiceUnavailableException e) {
      outcome = ServiceCallObserver.Outcome.UNAVAILABLE;
      throw e;
    } finally {
      observer.called(port, activityType, outcome, Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /** Records what the call did; an undo that found nothing is recorded as the barrier's null compensation. */
  private String record(BarrierStep step, Optional<String> reference) {
    BarrierDecision recorded = barrier.record(step, reference.orElse(IdempotencyBarrier.NULL_COMPENSATION));
    if (recorded.verdict() == BarrierDecision.Verdict.HANGING) {
      // The compensation won the race: it told the service to undo or void this key.
      throw new ServiceRefusedException(PaymentRefusals.SAGA_ALREADY_COMPENSATED,
          step.step() + " finished after its compensation was recorded");
    }
    return IdempotencyBarrier.NULL_COMPENSATION.equals(recorded.recorded()) ? NOTHING_TO_UNDO : recorded.recorded();
  }

  private static ApplicationFailure failure(ActivityInfo info, String type, String message, boolean retryable) {
    log.info("workflow={} step={} attempt={} failed type={} retryable={}: {}", info.getWorkflowId(),
        info.getActivityType(), info.getAttempt(), type, retryable, message);
    return StepFailures.of(type, message, retryable, info.getAttempt());
  }
}
