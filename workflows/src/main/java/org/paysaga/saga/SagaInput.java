package org.paysaga.saga;

import java.util.Map;

/**
 * The input of a saga type: what names the saga to its users, and what an operator sees of it in
 * the DLQ. One description per saga type, used by the saga when it parks itself and by the sweeper
 * when it parks a saga Temporal ended (from the input it reads back from the history).
 */
public interface SagaInput {
  /** The payment (or refund) number users know the saga by. */
  String businessKey();

  /** The DLQ entry's attributes: the business keys, the merchant, the amount as a decimal. Never card data. */
  Map<String, String> description();
}
