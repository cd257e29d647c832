package org.paysaga.reliability.scale;

import java.util.Locale;

/**
 * Payment numbers and saga IDs as production makes them: {@code P20261202} and a 7-digit
 * sequence, so a saga ID ({@code payment-P202612020000001}) has 24 characters.
 */
final class PaymentIds {
  private PaymentIds() {}

  static String paymentNo(long sequence) {
    return String.format(Locale.ROOT, "P20261202%07d", sequence);
  }

  /** The payment saga's workflow ID ({@code PaymentSaga.workflowIdFor}). */
  static String sagaId(long sequence) {
    return "payment-" + paymentNo(sequence);
  }
}
