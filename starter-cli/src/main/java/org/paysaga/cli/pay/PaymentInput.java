package org.paysaga.cli.pay;

import java.util.Map;
import org.paysaga.cli.errors.CliException;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;

/** Turns the options of {@code saga pay} into a request, or exit 2 naming the option and the rule. */
public final class PaymentInput {
  /** The request field PaymentRequests names -> the option a user typed. */
  static final Map<String, String> OPTION_OF_FIELD = Map.of(
      "paymentNo", "--payment-no",
      "merchantId", "--merchant",
      "amount", "--amount",
      "currency", "--currency",
      "cardToken", "--card-token");

  private PaymentInput() {}

  public static PaymentRequest parse(
      String paymentNo, String merchant, String amount, String currency, String cardToken) {
    try {
      return PaymentRequests.parse(paymentNo, merchant, amount, currency, cardToken);
    } catch (InvalidPaymentRequestException e) {
      throw CliException.badInput(e, OPTION_OF_FIELD);
    }
  }
}
