package org.paysaga.activity;

/** The payment service a step calls: its label in logs and metrics, and its failure type when it is away. */
public enum ServicePort {
  ORDERS("orders", "OrdersUnavailable"),
  CHANNEL("channel", "ChannelUnavailable"),
  LEDGER("ledger", "LedgerUnavailable");

  private final String label;
  private final String unavailableType;

  ServicePort(String label, String unavailableType) {
    this.label = label;
    this.unavailableType = unavailableType;
  }

  public String label() {
    return label;
  }

  /** The step's failure type (retryable) when the service did not take the call. */
  public String unavailableType() {
    return unavailableType;
  }
}
