package org.paysaga.reliability.bench;

import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.paysaga.activity.ServicePort;
import org.paysaga.activity.StepFailures;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentServices;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.StepReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline's activities: each one the same sandbox port call as the saga's, with the same
 * idempotency key ({@code <workflowId>:<activity type>}, so still at most once per key) and the same
 * failure types, but without the saga layer (no idempotency barrier, no registry, no attempt log,
 * no call metrics). Never for a saga.
 */
final class BareActivities implements PaymentActivities {
  private static final String NOTHING_TO_UNDO = "nothing-to-undo";

  private static final Logger log = LoggerFactory.getLogger(BareActivities.class);

  private final PaymentServices services;
  private final Supplier<Attempt> attempts;

  BareActivities(PaymentServices services) {
    this(services, () -> {
      ActivityInfo info = Activity.getExecutionContext().getInfo();
      return new Attempt(info.getWorkflowId(), info.getActivityType(), info.getAttempt());
    });
  }

  /** @param attempts the attempt being run (the activity's info; a test's own outside Temporal) */
  BareActivities(PaymentServices services, Supplier<Attempt> attempts) {
    this.services = services;
    this.attempts = attempts;
  }

  /** Which activity attempt runs: its workflow, activity type and attempt number. */
  record Attempt(String workflowId, String activityType, int number) {}

  @Override
  public StepReceipt createOrder(PaymentRequest request) {
    return call(ServicePort.ORDERS, key -> Optional.of(services.orders().create(key, payment(request))));
  }

  @Override
  public StepReceipt cancelOrder(PaymentRequest request) {
    return call(ServicePort.ORDERS, key -> services.orders().cancel(key, key(request, CREATE_ORDER), payment(request)));
  }

  @Override
  public StepReceipt callPaymentChannel(PaymentRequest request) {
    return call(ServicePort.CHANNEL, key -> Optional.of(services.channel().charge(key, payment(request))));
  }

  @Override
  public StepReceipt refundPayment(PaymentRequest request) {
    return call(ServicePort.CHANNEL, key -> services.channel().refund(key, key(request, CALL_PAYMENT_CHANNEL),
        request.amountMinor(), payment(request)));
  }

  @Override
  public StepReceipt creditMerchant(PaymentRequest request) {
    return call(ServicePort.LEDGER, key -> Optional.of(services.ledger().credit(key, payment(request))));
  }

  @Override
  public StepReceipt reverseMerchantCredit(PaymentRequest request) {
    return call(ServicePort.LEDGER, key -> services.ledger().reverse(key, key(request, CREDIT_MERCHANT),
        payment(request)));
  }

  @Override
  public StepReceipt completeOrder(PaymentRequest request) {
    return call(ServicePort.ORDERS, key -> Optional.of(services.orders().complete(key, key(request, CREATE_ORDER),
        payment(request))));
  }

  private StepReceipt call(ServicePort port, Function<String, Optional<String>> call) {
    Attempt attempt = attempts.get();
    String key = SagaKeyspace.idempotencyKey(attempt.workflowId(), attempt.activityType());
    try {
      String reference = call.apply(key).orElse(NOTHING_TO_UNDO);
      // The saga's activities log one line per step too.
      log.info("workflow={} step={} attempt={} reference={}", attempt.workflowId(), attempt.activityType(),
          attempt.number(), reference);
      return new StepReceipt(reference, attempt.number());
    } catch (ServiceRefusedException e) {
      throw StepFailures.refusal(e.reason(), e.getMessage(), attempt.number());
    } catch (ServiceUnavailableException | OutcomeUnknownException e) {
      throw StepFailures.retryable(port.unavailableType(), e.getMessage(), attempt.number());
    }
  }

  private static Payment payment(PaymentRequest request) {
    return PaymentSagaActivities.payment(request);
  }

  private static String key(PaymentRequest request, String step) {
    return SagaKeyspace.idempotencyKey(request.sagaId(), step);
  }
}
