package org.paysaga.ports;

/**
 * A payment as the payment services see it. Amounts are counts of minor units of the currency.
 *
 * @param paymentNo the caller's unique payment number (the saga's business key)
 * @param merchantId the merchant credited by the payment
 * @param amountMinor amount in minor units of {@code currency}, positive
 * @param currency ISO 4217 code, upper case
 * @param cardToken the payment channel's token for the card: only the channel needs it
 */
public record Payment(String paymentNo, String merchantId, long amountMinor, String currency, String cardToken) {

  @Override
  public String toString() {
    // The card token stays out of logs and exception messages.
    return "Payment[paymentNo=" + paymentNo + ", merchantId=" + merchantId + ", amountMinor=" + amountMinor
        + ", currency=" + currency + "]";
  }
}
