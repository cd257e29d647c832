package org.paysaga.ports.contract;

import java.util.UUID;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;

/**
 * Payments and keys for the contract suites: a fresh payment number per test, keys shaped as the
 * saga makes them ({@code <workflowId>:<Step>}), and the sandbox's magic card tokens, which every
 * shipped adapter's test double (the simulator) honours too.
 */
public final class ContractPayments {
  public static final String CARD = "tok_visa";
  public static final String DECLINED_CARD = "tok_decline";

  private ContractPayments() {}

  /** A payment of {@code amountMinor} CNY minor units that no other test uses. */
  public static Payment fresh(long amountMinor) {
    return withCard(amountMinor, CARD);
  }

  public static Payment withCard(long amountMinor, String cardToken) {
    String paymentNo = "ct-" + UUID.randomUUID().toString().substring(0, 18);
    return new Payment(paymentNo, "m_contract", amountMinor, "CNY", cardToken);
  }

  public static Refund refund(Payment payment, long amountMinor) {
    return new Refund(payment.paymentNo() + "-r" + UUID.randomUUID().toString().substring(0, 8), payment,
        amountMinor);
  }

  /** The key of a payment saga's step. */
  public static String key(Payment payment, String step) {
    return "payment-" + payment.paymentNo() + ":" + step;
  }

  /** The key of a refund saga's step. */
  public static String key(Refund refund, String step) {
    return "refund-" + refund.refundNo() + ":" + step;
  }
}
