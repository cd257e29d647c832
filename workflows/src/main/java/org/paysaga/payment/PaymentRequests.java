package org.paysaga.payment;

import java.util.regex.Pattern;

/** Builds and checks payment requests; every rule of the README's "Input rules" lives here. */
public final class PaymentRequests {
  private static final Pattern PAYMENT_NO = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern MERCHANT_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Pattern CARD_TOKEN = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

  private PaymentRequests() {}

  /**
   * Parses user input (decimal amount) into a valid request, or throws naming the first bad field;
   * a card number in place of the token is refused too ({@link #refuseCardNumber}).
   */
  public static PaymentRequest parse(
      String paymentNo, String merchantId, String amount, String currency, String cardToken) {
    checkPaymentNo(paymentNo);
    checkMerchant(merchantId);
    long minor = Money.parse(amount, currency);
    refuseCardNumber(cardToken);
    checkCardToken(cardToken);
    return new PaymentRequest(paymentNo, merchantId, minor, currency, cardToken);
  }

  /**
   * Refuses a PAN-shaped card token ({@link CardTokens#isPanShaped}): the payment channel's token is
   * required, never a card number. The message does not repeat the value. A check of the client
   * side (parse, {@link PaymentSagaClient#start}); {@link #validate}, which the workflows run on
   * their input, leaves it out, so recorded histories replay as they ran.
   */
  public static void refuseCardNumber(String cardToken) {
    if (CardTokens.isPanShaped(cardToken)) {
      throw new InvalidPaymentRequestException("cardToken",
          "looks like a card number (PAN); pass the payment channel's token for the card instead");
    }
  }

  /** Checks a request already in minor units (the workflow does this again on its input). */
  public static PaymentRequest validate(PaymentRequest request) {
    if (request == null) {
      throw new InvalidPaymentRequestException("request", "is required");
    }
    checkPaymentNo(request.paymentNo());
    checkMerchant(request.merchantId());
    Money.minorDigits(request.currency());
    if (request.amountMinor() <= 0) {
      throw new InvalidPaymentRequestException("amount", "must be greater than zero");
    }
    checkCardToken(request.cardToken());
    return request;
  }

  static void checkPaymentNo(String paymentNo) {
    if (paymentNo == null || paymentNo.isBlank()) {
      throw new InvalidPaymentRequestException("paymentNo", "is required");
    }
    if (!PAYMENT_NO.matcher(paymentNo).matches()) {
      throw new InvalidPaymentRequestException("paymentNo",
          "'" + paymentNo + "' must be 1 to 64 letters, digits, '-' or '_'");
    }
  }

  private static void checkMerchant(String merchantId) {
    if (merchantId == null || merchantId.isBlank()) {
      throw new InvalidPaymentRequestException("merchantId", "is required");
    }
    if (!MERCHANT_ID.matcher(merchantId).matches()) {
      throw new InvalidPaymentRequestException("merchantId",
          "'" + merchantId + "' must be 1 to 64 letters, digits, '-' or '_'");
    }
  }

  private static void checkCardToken(String cardToken) {
    if (cardToken == null || cardToken.isBlank()) {
      throw new InvalidPaymentRequestException("cardToken", "is required");
    }
    if (!CARD_TOKEN.matcher(cardToken).matches()) {
      throw new InvalidPaymentRequestException("cardToken",
          "must be 1 to 128 letters, digits, '-', '_', '.' or ':'");
    }
  }
}
