package org.paysaga.refund.activity;

import static org.paysaga.refund.RefundSteps.DEBIT_MERCHANT;
import static org.paysaga.refund.RefundSteps.REFUND_CARD;

import java.util.function.Supplier;
import org.paysaga.activity.ServiceCalls;
import org.paysaga.activity.ServicePort;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.payment.activity.PaymentSagaActivities;
import org.paysaga.ports.PaymentServices;
import org.paysaga.ports.Refund;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.refund.RefundActivities;
import org.paysaga.refund.RefundRequest;
import org.paysaga.saga.StepReceipt;

/**
 * The refund saga's activities on the same payment services and the same {@link ServiceCalls}:
 * the merchant's debit is taken against the payment's credit and the card refund against its
 * charge, so the services keep the refunds of one payment within what it charged.
 */
public final class RefundSagaActivities implements RefundActivities {
  private final PaymentServices services;
  private final ServiceCalls calls;

  public RefundSagaActivities(PaymentServices services, ServiceCalls calls) {
    this.services = services;
    this.calls = calls;
  }

  @Override
  public StepReceipt debitMerchant(RefundRequest request) {
    return calls.forward(sagaId(request), DEBIT_MERCHANT, ServicePort.LEDGER,
        key -> services.ledger().debit(key, paymentKey(request, PaymentSteps.CREDIT_MERCHANT), refund(request)));
  }

  @Override
  public StepReceipt creditMerchantBack(RefundRequest request) {
    return calls.compensation(sagaId(request), DEBIT_MERCHANT, ServicePort.LEDGER,
        key -> services.ledger().creditBack(key, SagaKeyspace.idempotencyKey(request.sagaId(), DEBIT_MERCHANT),
            refund(request)));
  }

  @Override
  public StepReceipt refundCard(RefundRequest request) {
    return calls.forward(sagaId(request), REFUND_CARD, ServicePort.CHANNEL, key -> {
      Refund refund = refund(request);
      return services.channel().refund(key, paymentKey(request, PaymentSteps.CALL_PAYMENT_CHANNEL),
              refund.amountMinor(), refund.payment())
          .orElseThrow(() -> new ServiceRefusedException(Refusals.REFUND_REFUSED,
              "the channel has no charge of payment " + refund.payment().paymentNo()));
    });
  }

  private static Refund refund(RefundRequest request) {
    return new Refund(request.refundNo(), PaymentSagaActivities.payment(request.payment()), request.amountToRefund());
  }

  /** Validates the request (a refusal naming the field) and names its saga. */
  private static Supplier<String> sagaId(RefundRequest request) {
    return () -> RefundRequest.validate(request).sagaId();
  }

  private static String paymentKey(RefundRequest request, String step) {
    return SagaKeyspace.idempotencyKey(request.payment().sagaId(), step);
  }
}
