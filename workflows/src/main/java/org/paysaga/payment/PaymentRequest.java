package org.paysaga.payment;

import java.util.LinkedHashMap;
import java.util.Map;
import org.paysaga.saga.SagaInput;

/**
 * A payment to run as a saga. The amount is carried as a count of minor units of the currency
 * (cents for CNY, yen for JPY) so no floating point ever touches money; build one from user input
 * with {@link PaymentRequests#parse}.
 *
 * @param paymentNo the caller's unique payment number: letters, digits, '-' and '_', at most 64
 * @param merchantId the merchant credited by the payment
 * @param amountMinor amount in minor units of {@code currency}, positive
 * @param currency ISO 4217 code, upper case (CNY, JPY, USD...)
 * @param cardToken the payment channel's token for the card to charge
 */
public record PaymentRequest(
    String paymentNo, String merchantId, long amountMinor, String currency, String cardToken) implements SagaInput {

  /** The workflow ID of this payment's saga; it is also the saga's lock. */
  public String sagaId() {
    return PaymentSaga.workflowIdFor(paymentNo);
  }

  @Override
  public String businessKey() {
    return paymentNo;
  }

  @Override
  public Map<String, String> description() {
    Map<String, String> description = new LinkedHashMap<>();
    description.put("paymentNo", paymentNo);
    description.put("merchantId", merchantId);
    description.put("amount", Money.format(amountMinor, currency));
    description.put("currency", currency);
    return description;
  }

  @Override
  public String toString() {
    // The card token stays out of logs and exception messages.
    return "PaymentRequest[paymentNo=" + paymentNo + ", merchantId=" + merchantId
        + ", amount=" + Money.format(amountMinor, currency) + " " + currency + "]";
  }
}
