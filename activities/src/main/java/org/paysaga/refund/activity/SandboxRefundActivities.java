package org.paysaga.refund.activity;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import org.paysaga.activity.StepFailures;
import org.paysaga.barrier.BarrierDecision;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.barrier.BarrierStep;
import org.paysaga.barrier.IdempotencyBarrier;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.sandbox.SandboxFailure;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.refund.RefundActivities;
import org.paysaga.refund.RefundRequest;
import org.paysaga.refund.RefundSteps;
import org.paysaga.saga.StepReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The refund saga's activities. Unlike the payment saga's, they show the barrier's path for effects
 * that are not written in the barrier's own Lua script, as a user's own service would be: ask the
 * barrier ({@link IdempotencyBarrier#begin}), act with the step's idempotency key handed
 * downstream, then {@link IdempotencyBarrier#record} the result.
 */
public final class SandboxRefundActivities implements RefundActivities {
  private static final Logger log = LoggerFactory.getLogger(SandboxRefundActivities.class);

  private final IdempotencyBarrier barrier;
  private final MerchantAdjustments adjustments;
  private final SandboxPaymentServices sandbox;

  /** @param ttl lifetime of a refund's merchant adjustments after their last write */
  public SandboxRefundActivities(IdempotencyBarrier barrier, RedisClusterCommands<String, String> redis,
      SandboxPaymentServices sandbox, Duration ttl) {
    this.barrier = barrier;
    this.adjustments = new MerchantAdjustments(redis, barrier.keyspace(), ttl);
    this.sandbox = sandbox;
  }

  @Override
  public StepReceipt debitMerchant(RefundRequest request) {
    BarrierStep step = BarrierStep.forward(request.sagaId(), RefundSteps.DEBIT_MERCHANT);
    return guarded(request, step, key -> {
      if ("m_frozen".equals(request.payment().merchantId())) {
        throw SandboxFailure.refusal(PaymentRefusals.MERCHANT_FROZEN,
            "merchant " + request.payment().merchantId() + " is frozen");
      }
      return adjustments.debit(request.sagaId(), key, request.payment());
    });
  }

  @Override
  public StepReceipt creditMerchantBack(RefundRequest request) {
    // The undo goes downstream even when the barrier knows of no debit: a debit may have been
    // posted by an attempt whose worker died before recording it. The account undoes it by the
    // debit's key, or voids the key so that a debit still on its way is refused.
    String debitKey = SagaKeyspace.idempotencyKey(request.sagaId(), "DebitMerchant");
    return guarded(request, BarrierStep.compensation(request.sagaId(), RefundSteps.DEBIT_MERCHANT),
        key -> adjustments.undoDebit(request.sagaId(), debitKey, key, request.payment()));
  }

  @Override
  public StepReceipt refundCard(RefundRequest request) {
    // The card refund is the payment's own refund, behind the payment's barrier: refunded once,
    // whether the payment saga's compensation or this refund saga gets there first.
    return guarded(request, BarrierStep.forward(request.sagaId(), RefundSteps.REFUND_CARD),
        key -> sandbox.channel().refund(request.payment().sagaId(), request.payment()).reference());
  }

  private StepReceipt guarded(RefundRequest request, BarrierStep step, Effect effect) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    try {
      RefundRequest.validate(request);
      BarrierDecision decision = barrier.begin(step);
      String key = SagaKeyspace.idempotencyKey(step.sagaId(), info.getActivityType());
      String reference = switch (decision.verdict()) {
        case REPLAYED -> decision.recorded();
        // A compensation the barrier finds void still tells the service (see creditMerchantBack).
        case NOTHING_TO_DO -> effect.apply(key);
        case HANGING -> throw failure(info, PaymentRefusals.SAGA_ALREADY_COMPENSATED,
            step.step() + " arrived after its compensation was recorded: it takes no effect", false);
        case PROCEED -> record(info, step, effect.apply(key));
      };
      log.info("saga={} step={} attempt={} reference={}", step.sagaId(), info.getActivityType(),
          info.getAttempt(), reference);
      return new StepReceipt(reference, info.getAttempt());
    } catch (InvalidPaymentRequestException e) {
      throw failure(info, PaymentRefusals.INVALID_REQUEST, e.getMessage(), false);
    } catch (SandboxFailure e) {
      throw failure(info, e.type(), e.getMessage(), e.retryable());
    }
  }

  private String record(ActivityInfo info, BarrierStep step, String result) {
    BarrierDecision recorded = barrier.record(step, result);
    if (recorded.verdict() == BarrierDecision.Verdict.HANGING) {
      // The compensation won the race: it told the service to undo or void this key, and the
      // service refuses or undoes this effect by it.
      throw failure(info, PaymentRefusals.SAGA_ALREADY_COMPENSATED,
          step.step() + " finished after its compensation was recorded", false);
    }
    return recorded.recorded();
  }

  private static ApplicationFailure failure(ActivityInfo info, String type, String message, boolean retryable) {
    log.info("workflow={} step={} attempt={} failed type={} retryable={}: {}", info.getWorkflowId(),
        info.getActivityType(), info.getAttempt(), type, retryable, message);
    return StepFailures.of(type, message, retryable, info.getAttempt());
  }

  /** One effect outside the barrier's script, keyed downstream by the step's idempotency key. */
  @FunctionalInterface
  private interface Effect {
    String apply(String idempotencyKey);
  }
}
