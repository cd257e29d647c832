package org.paysaga.ports;

/**
 * How a payment service call fails: refused for good, unavailable for now, or with an unknown
 * outcome. Messages must not contain card tokens.
 */
public abstract sealed class PaymentServiceException extends RuntimeException
    permits ServiceRefusedException, ServiceUnavailableException, OutcomeUnknownException {

  PaymentServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
