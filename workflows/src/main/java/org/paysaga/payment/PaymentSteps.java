package org.paysaga.payment;

import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.saga.StepDefinition;

/** The four steps of the payment saga, in order, with their default start-to-close timeouts. */
public final class PaymentSteps {
  public static final String CREATE_ORDER = "CreateOrder";
  public static final String CANCEL_ORDER = "CancelOrder";
  public static final String CALL_PAYMENT_CHANNEL = "CallPaymentChannel";
  public static final String REFUND_PAYMENT = "RefundPayment";
  public static final String CREDIT_MERCHANT = "CreditMerchant";
  public static final String REVERSE_MERCHANT_CREDIT = "ReverseMerchantCredit";
  public static final String COMPLETE_ORDER = "CompleteOrder";

  public static final List<StepDefinition> ALL = List.of(
      new StepDefinition(CREATE_ORDER, CANCEL_ORDER, Duration.ofSeconds(30)),
      new StepDefinition(CALL_PAYMENT_CHANNEL, REFUND_PAYMENT, Duration.ofSeconds(60)),
      new StepDefinition(CREDIT_MERCHANT, REVERSE_MERCHANT_CREDIT, Duration.ofSeconds(30)),
      new StepDefinition(COMPLETE_ORDER, null, Duration.ofSeconds(30)));

  private PaymentSteps() {}

  /**
   * Options to register {@link PaymentSagaImpl} with on a worker built by hand (the tests'): each
   * step's timeout, overridden where {@code timeoutOverrides} names the step.
   */
  public static WorkflowImplementationOptions implementationOptions(Map<String, Duration> timeoutOverrides) {
    return SagaActivityOptions.implementationOptions(SagaActivityOptions.perStep(ALL, timeoutOverrides));
  }
}
