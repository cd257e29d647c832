package org.paysaga.reliability.chaos;

import org.paysaga.payment.PaymentRequest;

/** One payment of the run: what is sent and which sandbox path it takes. */
public record PlannedPayment(int index, PaymentPath path, PaymentRequest request) {

  public String sagaId() {
    return request.sagaId();
  }
}
