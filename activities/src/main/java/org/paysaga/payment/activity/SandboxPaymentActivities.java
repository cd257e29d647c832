package org.paysaga.payment.activity;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;
import org.paysaga.activity.StepFailures;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;
import org.paysaga.payment.sandbox.SandboxEffect;
import org.paysaga.payment.sandbox.SandboxFailure;
import org.paysaga.payment.sandbox.SandboxPaymentServices;
import org.paysaga.saga.StepReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment saga's activities on the sandbox payment services. The saga ID is the workflow ID
 * of the calling saga, so a retried or repeated call addresses the same order, charge and ledger
 * entry and takes effect at most once.
 */
public final class SandboxPaymentActivities implements PaymentActivities {
  private static final Logger log = LoggerFactory.getLogger(SandboxPaymentActivities.class);

  private final SandboxPaymentServices sandbox;

  public SandboxPaymentActivities(SandboxPaymentServices sandbox) {
    this.sandbox = sandbox;
  }

  @Override
  public StepReceipt createOrder(PaymentRequest request) {
    return perform(request, sagaId -> sandbox.orders().create(sagaId, request));
  }

  @Override
  public StepReceipt cancelOrder(PaymentRequest request) {
    return perform(request, sagaId -> sandbox.orders().cancel(sagaId));
  }

  @Override
  public StepReceipt callPaymentChannel(PaymentRequest request) {
    return perform(request, sagaId -> sandbox.channel().charge(sagaId, request));
  }

  @Override
  public StepReceipt refundPayment(PaymentRequest request) {
    return perform(request, sagaId -> sandbox.channel().refund(sagaId, request));
  }

  @Override
  public StepReceipt creditMerchant(PaymentRequest request) {
    return perform(request, sagaId -> sandbox.ledger().credit(sagaId, request));
  }

  @Override
  public StepReceipt reverseMerchantCredit(PaymentRequest request) {
    return perform(request, sagaId -> sandbox.ledger().reverse(sagaId));
  }

  @Override
  public StepReceipt completeOrder(PaymentRequest request) {
    return perform(request, sagaId -> sandbox.orders().complete(sagaId));
  }

  /** Runs one sandbox call for the current activity and turns its outcome into a receipt or a failure. */
  private StepReceipt perform(PaymentRequest request, Function<String, SandboxEffect> call) {
    ActivityInfo info = Activity.getExecutionContext().getInfo();
    try {
      PaymentRequests.validate(request);
      // The saga ID comes from the request, not the workflow: a compensation workflow run for a
      // saga Temporal gave up on must hit the same barrier records and sandbox keys.
      String sagaId = request.sagaId();
      SandboxEffect effect = call.apply(sagaId);
      log.info("saga={} step={} attempt={} outcome={} reference={}", sagaId,
          info.getActivityType(), info.getAttempt(), effect.outcome(), effect.reference());
      return new StepReceipt(effect.reference(), info.getAttempt());
    } catch (InvalidPaymentRequestException e) {
      throw failure(info, PaymentRefusals.INVALID_REQUEST, e.getMessage(), false);
    } catch (SandboxFailure e) {
      throw failure(info, e.type(), e.getMessage(), e.retryable());
    }
  }

  private static ApplicationFailure failure(
      ActivityInfo info, String type, String message, boolean retryable) {
    log.info("workflow={} step={} attempt={} failed type={} retryable={}: {}", info.getWorkflowId(),
        info.getActivityType(), info.getAttempt(), type, retryable, message);
    return StepFailures.of(type, message, retryable, info.getAttempt());
  }
}
