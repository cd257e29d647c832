package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PaymentRequestsTest {

  @Test
  void parsesDecimalAmountsIntoMinorUnitsOfTheCurrency() {
    assertThat(PaymentRequests.parse("P-1_a", "m_shop", "12.34", "CNY", "tok_visa").amountMinor()).isEqualTo(1234);
    assertThat(PaymentRequests.parse("P1", "m1", "12.3", "CNY", "tok_visa").amountMinor()).isEqualTo(1230);
    assertThat(PaymentRequests.parse("P1", "m1", "1500", "JPY", "tok_visa").amountMinor()).isEqualTo(1500);
    assertThat(PaymentRequests.parse("P1", "m1", "0.001", "BHD", "tok_visa").amountMinor()).isEqualTo(1);
    assertThat(PaymentRequests.parse("P1", "m1", "12.3400", "CNY", "tok_visa").amountMinor()).isEqualTo(1234);
  }

  @Test
  void formatsMinorUnitsBack() {
    assertThat(Money.format(1234, "CNY")).isEqualTo("12.34");
    assertThat(Money.format(1500, "JPY")).isEqualTo("1500");
    assertThat(Money.format(5, "USD")).isEqualTo("0.05");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
      "missing payment number   | NULL     | m1     | 1.00       | CNY  | tok_visa | paymentNo",
      "blank payment number     | '  '     | m1     | 1.00       | CNY  | tok_visa | paymentNo",
      "payment number with space| 'P 1'    | m1     | 1.00       | CNY  | tok_visa | paymentNo",
      "payment number with slash| P/1      | m1     | 1.00       | CNY  | tok_visa | paymentNo",
      "missing merchant         | P1       | NULL   | 1.00       | CNY  | tok_visa | merchantId",
      "blank merchant           | P1       | ''     | 1.00       | CNY  | tok_visa | merchantId",
      "merchant with colon      | P1       | 'm:1'  | 1.00       | CNY  | tok_visa | merchantId",
      "missing amount           | P1       | m1     | NULL       | CNY  | tok_visa | amount",
      "zero amount              | P1       | m1     | 0          | CNY  | tok_visa | amount",
      "zero with decimals       | P1       | m1     | 0.00       | CNY  | tok_visa | amount",
      "negative amount          | P1       | m1     | -1.00      | CNY  | tok_visa | amount",
      "letters in amount        | P1       | m1     | 12a        | CNY  | tok_visa | amount",
      "exponent amount          | P1       | m1     | 1e3        | CNY  | tok_visa | amount",
      "comma decimal            | P1       | m1     | '12,34'    | CNY  | tok_visa | amount",
      "too precise for CNY      | P1       | m1     | 12.345     | CNY  | tok_visa | amount",
      "too precise for JPY      | P1       | m1     | 12.5       | JPY  | tok_visa | amount",
      "overflowing amount       | P1       | m1     | 99999999999999999999 | CNY | tok_visa | amount",
      "missing currency         | P1       | m1     | 1.00       | NULL | tok_visa | currency",
      "lower-case currency      | P1       | m1     | 1.00       | cny  | tok_visa | currency",
      "unknown currency         | P1       | m1     | 1.00       | ABC  | tok_visa | currency",
      "not money (gold)         | P1       | m1     | 1.00       | XAU  | tok_visa | currency",
      "missing card token       | P1       | m1     | 1.00       | CNY  | NULL     | cardToken",
      "card token with space    | P1       | m1     | 1.00       | CNY  | 'tok visa' | cardToken",
  })
  void rejectsBadInputNamingTheField(
      String description, String paymentNo, String merchant, String amount, String currency,
      String token, String field) {
    assertThatThrownBy(() -> PaymentRequests.parse(paymentNo, merchant, amount, currency, token))
        .isInstanceOf(InvalidPaymentRequestException.class)
        .hasMessageStartingWith(field + ": ")
        .extracting(e -> ((InvalidPaymentRequestException) e).field())
        .isEqualTo(field);
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"4111111111111111", "4111-1111-1111-1111", "378282246310005"})
  void refusesACardNumberInPlaceOfTheTokenWithoutRepeatingIt(String pan) {
    assertThatThrownBy(() -> PaymentRequests.parse("P1", "m1", "1.00", "CNY", pan))
        .isInstanceOf(InvalidPaymentRequestException.class)
        .hasMessageStartingWith("cardToken: ")
        .hasMessageContaining("card number (PAN)")
        .hasMessageContaining("payment channel's token")
        .hasMessageNotContaining(pan).hasMessageNotContaining("1111");
    assertThatThrownBy(() -> PaymentRequests.refuseCardNumber(pan)).hasMessageStartingWith("cardToken: ");
  }

  @Test
  void aNumberFailingLuhnOrATokenIsNoCardNumber() {
    assertThat(PaymentRequests.parse("P1", "m1", "1.00", "CNY", "4111111111111112").cardToken())
        .isEqualTo("4111111111111112");
    assertThat(PaymentRequests.parse("P1", "m1", "1.00", "CNY", "tok_visa").cardToken()).isEqualTo("tok_visa");
  }

  @Test
  void theWorkflowsCheckLeavesCardNumbersToTheClientSoRecordedHistoriesReplayUnchanged() {
    // validate() runs inside PaymentSaga and RefundSaga: what it throws is part of their histories.
    PaymentRequest request = new PaymentRequest("P1", "m1", 100, "CNY", "4111111111111111");
    assertThat(PaymentRequests.validate(request)).isSameAs(request);
  }

  @Test
  void aRequestPrintsNoCardToken() {
    PaymentRequest request = new PaymentRequest("P1", "m1", 1234, "CNY", "tok_refund_fail");
    assertThat(request.toString()).doesNotContain("tok_refund_fail").contains("P1", "12.34");
    assertThat(new org.paysaga.refund.RefundRequest("R1", request).toString()).doesNotContain("tok_refund_fail");
  }

  @Test
  void rejectsAPaymentNumberLongerThan64() {
    String tooLong = "P".repeat(65);
    assertThat(PaymentRequests.parse("P".repeat(64), "m1", "1", "CNY", "t").paymentNo()).hasSize(64);
    assertThatThrownBy(() -> PaymentRequests.parse(tooLong, "m1", "1", "CNY", "t"))
        .hasMessageStartingWith("paymentNo: ");
  }

  @Test
  void validatesRequestsAlreadyInMinorUnits() {
    assertThatThrownBy(() -> PaymentRequests.validate(new PaymentRequest("P1", "m1", 0, "CNY", "t")))
        .hasMessage("amount: must be greater than zero");
    assertThatThrownBy(() -> PaymentRequests.validate(null)).hasMessage("request: is required");
    assertThat(PaymentRequests.validate(new PaymentRequest("P1", "m1", 1, "JPY", "t")).currency()).isEqualTo("JPY");
  }

  @Test
  void keepsTheCardTokenOutOfToString() {
    PaymentRequest request = PaymentRequests.parse("P1", "m1", "12.34", "CNY", "tok_secret");
    assertThat(request.toString()).doesNotContain("tok_secret").contains("12.34");
  }
}
