package org.paysaga.refund;

import io.temporal.activity.ActivityInterface;
import org.paysaga.saga.StepReceipt;

/** The refund saga's activities; type names are the method names capitalised. */
@ActivityInterface
public interface RefundActivities {
  /** Step 1: take the refund amount back from the merchant's balance. */
  StepReceipt debitMerchant(RefundRequest request);

  /** Undoes step 1. */
  StepReceipt creditMerchantBack(RefundRequest request);

  /** Step 2, past the pivot: refund the payment's charge to the card. */
  StepReceipt refundCard(RefundRequest request);
}
