package org.paysaga.saga;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The custom search attributes of every saga (DESIGN.md "Visibility"), all Keyword. They are the
 * only saga data Temporal keeps in plaintext, so they never hold a card token or an amount. A
 * namespace must have them registered: the dev server through {@code --search-attribute}
 * (deploy/temporal/search-attributes, checked against this list by the tests), a cluster through
 * {@code temporal operator search-attribute create}.
 */
public final class SagaSearchAttributes {
  public static final SearchAttributeKey<String> SAGA_STATUS = SearchAttributeKey.forKeyword("SagaStatus");
  public static final SearchAttributeKey<String> SAGA_TYPE = SearchAttributeKey.forKeyword("SagaType");
  public static final SearchAttributeKey<String> PAYMENT_NO = SearchAttributeKey.forKeyword("PaymentNo");
  public static final SearchAttributeKey<String> MERCHANT_ID = SearchAttributeKey.forKeyword("MerchantId");
  public static final SearchAttributeKey<String> FAILED_STEP = SearchAttributeKey.forKeyword("SagaFailedStep");

  /** Every key, in the order of deploy/temporal/search-attributes. */
  public static final List<SearchAttributeKey<String>> ALL =
      List.of(SAGA_STATUS, SAGA_TYPE, PAYMENT_NO, MERCHANT_ID, FAILED_STEP);

  private SagaSearchAttributes() {}

  /** {@code Name=Keyword} for each key: the dev server's {@code --search-attribute} values. */
  public static List<String> devServerFlags() {
    return ALL.stream().map(key -> key.getName() + "=Keyword").toList();
  }
}
