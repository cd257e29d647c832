package org.paysaga.worker.providers;

import java.util.Map;
import org.paysaga.ports.PaymentServices;

/** How the ready report and the health details name the adapter behind each port. */
public final class ProviderNames {
  private static final Map<String, String> SHIPPED = Map.of(
      "org.paysaga.payment.sandbox", "sandbox",
      "org.paysaga.providers.postgres", "postgres",
      "org.paysaga.providers.http", "http");

  private ProviderNames() {}

  /** {@code orders=postgres channel=http ledger=postgres}; a user's own adapter by its class name. */
  public static String describe(PaymentServices services) {
    return "orders=" + name(services.orders()) + " channel=" + name(services.channel()) + " ledger="
        + name(services.ledger());
  }

  static String name(Object adapter) {
    String type = adapter.getClass().getName();
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : SHIPPED.getOrDefault(type.substring(0, dot), type);
  }
}
