package org.paysaga.reliability.chaos;

/** A fault injected when the driver reaches payment {@code atPayment}. */
public record Fault(int atPayment, String description, Runnable action) {}
