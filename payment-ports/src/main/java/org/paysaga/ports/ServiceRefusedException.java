package org.paysaga.ports;

/** A business refusal (declined card, frozen merchant...): retrying cannot help. */
public final class ServiceRefusedException extends PaymentServiceException {
  private final String reason;

  /** @param reason one of {@link Refusals}, or the service's own name for it */
  public ServiceRefusedException(String reason, String message) {
    super(message, null);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
