package org.paysaga.payment;

/** A payment request broke a rule; {@link #field()} names the field, the message says the rule. */
public final class InvalidPaymentRequestException extends IllegalArgumentException {
  private final String field;

  public InvalidPaymentRequestException(String field, String rule) {
    super(field + ": " + rule);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
