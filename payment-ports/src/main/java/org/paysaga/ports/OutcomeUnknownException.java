package org.paysaga.ports;

/**
 * The request went out and no answer came (a read timeout, a dropped connection): the service may
 * or may not have acted. The saga settles it before it moves on.
 */
public final class OutcomeUnknownException extends PaymentServiceException {
  public OutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
