package org.paysaga.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.ports.contract.ContractPayments.key;
import static org.paysaga.ports.contract.Outcomes.assertRefused;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.OrderService;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refusals;

/** What every {@link OrderService} must do; an adapter's test extends this with {@link #orders()}. */
public abstract class OrderServiceContract {
  private static final String CREATE = "CreateOrder";
  private static final String CANCEL = "CancelOrder";
  private static final String COMPLETE = "CompleteOrder";

  protected abstract OrderService orders();

  @Test
  void aRepeatedCreateReplaysTheFirst() {
    Payment payment = ContractPayments.fresh(1_000);
    String order = orders().create(key(payment, CREATE), payment);
    assertThat(orders().create(key(payment, CREATE), payment)).isEqualTo(order);
  }

  @Test
  void anOrderIsCompletedOnce() {
    Payment payment = ContractPayments.fresh(1_000);
    orders().create(key(payment, CREATE), payment);
    String paid = orders().complete(key(payment, COMPLETE), key(payment, CREATE), payment);
    assertThat(orders().complete(key(payment, COMPLETE), key(payment, CREATE), payment)).isEqualTo(paid);
  }

  @Test
  void aPaidOrderCannotBeCancelled() {
    Payment payment = ContractPayments.fresh(1_000);
    orders().create(key(payment, CREATE), payment);
    orders().complete(key(payment, COMPLETE), key(payment, CREATE), payment);
    assertRefused(() -> orders().cancel(key(payment, CANCEL), key(payment, CREATE), payment),
        Refusals.ORDER_STATE_CONFLICT);
  }

  @Test
  void aCancelledOrderCannotBeCompleted() {
    Payment payment = ContractPayments.fresh(1_000);
    orders().create(key(payment, CREATE), payment);
    Optional<String> cancelled = orders().cancel(key(payment, CANCEL), key(payment, CREATE), payment);
    assertThat(cancelled).isPresent();
    assertThat(orders().cancel(key(payment, CANCEL), key(payment, CREATE), payment)).isEqualTo(cancelled);
    assertRefused(() -> orders().complete(key(payment, COMPLETE), key(payment, CREATE), payment),
        Refusals.ORDER_STATE_CONFLICT);
  }

  @Test
  void noOrderCannotBeCompleted() {
    Payment payment = ContractPayments.fresh(1_000);
    assertRefused(() -> orders().complete(key(payment, COMPLETE), key(payment, CREATE), payment),
        Refusals.ORDER_STATE_CONFLICT);
  }

  @Test
  void aCancelOfAnOrderNeverCreatedVoidsItsKey() {
    Payment payment = ContractPayments.fresh(1_000);
    assertThat(orders().cancel(key(payment, CANCEL), key(payment, CREATE), payment)).isEmpty();
    assertRefused(() -> orders().create(key(payment, CREATE), payment), Refusals.ALREADY_COMPENSATED);
  }
}
