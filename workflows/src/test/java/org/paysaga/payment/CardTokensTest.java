package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CardTokensTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "tok_refund_fail      | tok_…fail",
      "tok_visa             | tok_…",
      "tok_decline          | tok_…",
      "tok_flaky_2          | tok_…",
      "tok_refund_flaky_2   | tok_…ky_2",
      "card_1234567890abcd  | card_…abcd",
      "4111111111111111     | …1111",
      "pm_1Nq9ZzLkdIwHu7ix  | pm_…u7ix",
      "tok_x                | …",
      "abcdefg              | …",
      "abcdefgh             | …",
      "x1_abcdefghij        | …ghij",
  })
  void masksKeepingAShortPrefixAndTheLastFourCharactersOfALongToken(String token, String masked) {
    assertThat(CardTokens.mask(token)).isEqualTo(masked);
  }

  @Test
  void aMaskNeverShowsMoreThanNineCharactersNorTheWholeToken() {
    for (String token : new String[] {"tok_refund_fail", "card_" + "x".repeat(120), "4111111111111111", "tok_visa",
        "tok_abcdefghij", "1234567890"}) {
      String masked = CardTokens.mask(token);
      assertThat(masked.replace(CardTokens.ELLIPSIS, "")).hasSizeLessThanOrEqualTo(9);
      assertThat(masked).doesNotContain(token).contains(CardTokens.ELLIPSIS);
      assertThat(token.length() - masked.replace(CardTokens.ELLIPSIS, "").length()).isGreaterThanOrEqualTo(4);
    }
    assertThat(CardTokens.mask(null)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111111", "4242424242424242", "5555555555554444", "378282246310005",
      "6011111111111117", "4111 1111 1111 1111", "4111-1111-1111-1111", " 4111111111111111 ", "4222222222222",
      "6250941006528599", "3530111333300000", "4000056655665556", "6759649826438453"})
  void cardNumbersArePanShaped(String value) {
    assertThat(CardTokens.isPanShaped(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"4111111111111112", "tok_visa", "tok_4111111111111111", "411111111111", "41111111111111111113",
      "4111_1111_1111_1111", "4111.1111.1111.1111", "", " ", "--", "0", "tok_refund_fail", "12345678901234"})
  void otherValuesAreNot(String value) {
    assertThat(CardTokens.isPanShaped(value)).isFalse();
    assertThat(CardTokens.isPanShaped(null)).isFalse();
  }

  @Test
  void luhn() {
    assertThat(CardTokens.luhn("79927398713")).isTrue();
    assertThat(CardTokens.luhn("79927398710")).isFalse();
  }
}
