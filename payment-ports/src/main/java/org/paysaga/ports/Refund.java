package org.paysaga.ports;

/**
 * A refund of all or part of a completed payment.
 *
 * @param refundNo the refund's unique number (its saga's business key)
 * @param payment the payment refunded
 * @param amountMinor the amount refunded, in minor units of the payment's currency, positive and
 *     never more than what is left of the charge
 */
public record Refund(String refundNo, Payment payment, long amountMinor) {}
