package org.paysaga.payment.activity;

import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;

import java.util.function.Supplier;
import org.paysaga.activity.ServiceCalls;
import org.paysaga.activity.ServicePort;
import org.paysaga.payment.PaymentActivities;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentServices;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.StepReceipt;

/** The payment saga's activities on any payment services: each one port call, guarded by {@link ServiceCalls}. */
public final class PaymentSagaActivities implements PaymentActivities {
  private final PaymentServices services;
  private final ServiceCalls calls;

  public PaymentSagaActivities(PaymentServices services, ServiceCalls calls) {
    this.services = services;
    this.calls = calls;
  }

  @Override
  public StepReceipt createOrder(PaymentRequest request) {
    return calls.forward(sagaId(request), CREATE_ORDER, ServicePort.ORDERS,
        key -> services.orders().create(key, payment(request)));
  }

  @Override
  public StepReceipt cancelOrder(PaymentRequest request) {
    return calls.compensation(sagaId(request), CREATE_ORDER, ServicePort.ORDERS,
        key -> services.orders().cancel(key, key(request, CREATE_ORDER), payment(request)));
  }

  @Override
  public StepReceipt callPaymentChannel(PaymentRequest request) {
    return calls.forward(sagaId(request), CALL_PAYMENT_CHANNEL, ServicePort.CHANNEL, key -> {
      try {
        return services.channel().charge(key, payment(request));
      } catch (OutcomeUnknownException e) {
        // Settled before the saga moves on: the channel says whether it took the money. If it has
        // nothing yet, the retry carries the same key, and a compensation voids it.
        return services.channel().findCharge(key).orElseThrow(() -> new ServiceUnavailableException(
            "the charge got no answer and the channel has none under " + key + " yet", e));
      }
    });
  }

  @Override
  public StepReceipt refundPayment(PaymentRequest request) {
    return calls.compensation(sagaId(request), CALL_PAYMENT_CHANNEL, ServicePort.CHANNEL,
        key -> services.channel().refund(key, key(request, CALL_PAYMENT_CHANNEL), request.amountMinor(),
            payment(request)));
  }

  @Override
  public StepReceipt creditMerchant(PaymentRequest request) {
    return calls.forward(sagaId(request), CREDIT_MERCHANT, ServicePort.LEDGER,
        key -> services.ledger().credit(key, payment(request)));
  }

  @Override
  public StepReceipt reverseMerchantCredit(PaymentRequest request) {
    return calls.compensation(sagaId(request), CREDIT_MERCHANT, ServicePort.LEDGER,
        key -> services.ledger().reverse(key, key(request, CREDIT_MERCHANT), payment(request)));
  }

  @Override
  public StepReceipt completeOrder(PaymentRequest request) {
    return calls.forward(sagaId(request), COMPLETE_ORDER, ServicePort.ORDERS,
        key -> services.orders().complete(key, key(request, CREATE_ORDER), payment(request)));
  }

  /** The payment as the services see it. */
  public static Payment payment(PaymentRequest request) {
    return new Payment(request.paymentNo(), request.merchantId(), request.amountMinor(), request.currency(),
        request.cardToken());
  }

  /** Validates the request (a refusal naming the field) and names its saga. */
  private static Supplier<String> sagaId(PaymentRequest request) {
    return () -> PaymentRequests.validate(request).sagaId();
  }

  private static String key(PaymentRequest request, String step) {
    return SagaKeyspace.idempotencyKey(request.sagaId(), step);
  }
}
