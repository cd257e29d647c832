package org.paysaga.ports;

/** A transient failure that took no effect (refused connection, 5xx, a lock timeout): retry it. */
public final class ServiceUnavailableException extends PaymentServiceException {
  public ServiceUnavailableException(String message) {
    super(message, null);
  }

  public ServiceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
