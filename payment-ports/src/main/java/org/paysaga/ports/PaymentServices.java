package org.paysaga.ports;

import java.util.Objects;

/** The three payment services one saga worker calls. */
public record PaymentServices(OrderService orders, PaymentChannel channel, MerchantLedger ledger) {
  public PaymentServices {
    Objects.requireNonNull(orders, "orders");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(ledger, "ledger");
  }
}
