package org.paysaga.payment;

import io.temporal.activity.ActivityInterface;
import org.paysaga.saga.StepReceipt;

/**
 * The payment saga's activities. Activity type names are the method names capitalised
 * ({@code CreateOrder}, {@code CallPaymentChannel}...), as the README's step table names them;
 * per-step options are keyed by them. Implementations derive idempotency keys from the workflow ID
 * and the activity type, so each method may be called any number of times for the same payment and
 * takes effect at most once.
 */
@ActivityInterface
public interface PaymentActivities {

  /** Step 1: create the order (status CREATED). */
  StepReceipt createOrder(PaymentRequest request);

  /** Undoes step 1: cancel the order; succeeds with nothing to do when there is no order. */
  StepReceipt cancelOrder(PaymentRequest request);

  /** Step 2: charge the card through the payment channel. */
  StepReceipt callPaymentChannel(PaymentRequest request);

  /** Undoes step 2: refund the charge; succeeds with nothing to do when nothing was charged. */
  StepReceipt refundPayment(PaymentRequest request);

  /** Step 3: post the payment to the merchant's ledger. */
  StepReceipt creditMerchant(PaymentRequest request);

  /** Undoes step 3: post the reversal; succeeds with nothing to do when nothing was credited. */
  StepReceipt reverseMerchantCredit(PaymentRequest request);

  /** Step 4: mark the order paid. Past the pivot: it has no compensation. */
  StepReceipt completeOrder(PaymentRequest request);
}
