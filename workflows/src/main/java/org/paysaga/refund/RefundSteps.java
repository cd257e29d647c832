package org.paysaga.refund;

import java.time.Duration;
import java.util.List;
import org.paysaga.saga.StepDefinition;

/** The refund saga's steps: debit the merchant (undone by crediting back), then refund the card. */
public final class RefundSteps {
  public static final String DEBIT_MERCHANT = "DebitMerchant";
  public static final String CREDIT_MERCHANT_BACK = "CreditMerchantBack";
  public static final String REFUND_CARD = "RefundCard";

  public static final List<StepDefinition> ALL = List.of(
      new StepDefinition(DEBIT_MERCHANT, CREDIT_MERCHANT_BACK, Duration.ofSeconds(30)),
      new StepDefinition(REFUND_CARD, null, Duration.ofSeconds(60)));

  private RefundSteps() {}
}
