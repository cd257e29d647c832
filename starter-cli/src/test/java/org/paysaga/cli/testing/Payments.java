package org.paysaga.cli.testing;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSagaClient;
import org.paysaga.saga.SagaState;
import org.paysaga.testing.TestPayments;

/** Starts sagas on the test stack directly (not through the command line), to look at them with it. */
public final class Payments {
  private final SagaTestStack stack;

  public Payments(SagaTestStack stack) {
    this.stack = stack;
  }

  public PaymentSagaClient client() {
    return new PaymentSagaClient(stack.client(), new PaymentSagaClient.Options(stack.taskQueue(), null));
  }

  /** Starts a fresh payment with this card and merchant; its request. */
  public PaymentRequest start(String cardToken, String merchant) {
    PaymentRequest request = TestPayments.payment(cardToken, merchant);
    client().start(request);
    return request;
  }

  /** Runs a fresh payment to its end; its final state. */
  public SagaState run(String cardToken, String merchant) {
    PaymentRequest request = start(cardToken, merchant);
    try {
      return client().await(request.sagaId(), Duration.ofMinutes(1));
    } catch (TimeoutException e) {
      throw new AssertionError("saga " + request.sagaId() + " did not end", e);
    }
  }
}
