package org.paysaga.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.ports.contract.ContractPayments.key;
import static org.paysaga.ports.contract.Outcomes.assertRefused;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;

/** What every {@link PaymentChannel} must do; an adapter's test extends this with {@link #channel()}. */
public abstract class PaymentChannelContract {
  private static final String CHARGE = "CallPaymentChannel";
  private static final String REFUND = "RefundPayment";

  protected abstract PaymentChannel channel();

  @Test
  void aRepeatedChargeReplaysTheFirst() {
    Payment payment = ContractPayments.fresh(1_000);
    String first = channel().charge(key(payment, CHARGE), payment);
    assertThat(channel().charge(key(payment, CHARGE), payment)).isEqualTo(first);
  }

  @Test
  void theSameKeyWithAnotherAmountIsRefused() {
    Payment payment = ContractPayments.fresh(1_000);
    channel().charge(key(payment, CHARGE), payment);
    Payment other = new Payment(payment.paymentNo(), payment.merchantId(), 999, payment.currency(),
        payment.cardToken());
    assertRefused(() -> channel().charge(key(payment, CHARGE), other), Refusals.KEY_REUSED);
  }

  @Test
  void aDeclinedCardIsRefused() {
    Payment payment = ContractPayments.withCard(1_000, ContractPayments.DECLINED_CARD);
    assertRefused(() -> channel().charge(key(payment, CHARGE), payment), Refusals.CARD_DECLINED);
    assertThat(channel().findCharge(key(payment, CHARGE))).isEmpty();
  }

  @Test
  void aChargeIsFoundByItsKey() {
    Payment payment = ContractPayments.fresh(1_000);
    assertThat(channel().findCharge(key(payment, CHARGE))).isEmpty();
    String charge = channel().charge(key(payment, CHARGE), payment);
    assertThat(channel().findCharge(key(payment, CHARGE))).contains(charge);
  }

  @Test
  void aRefundOfAChargeNeverMadeVoidsItsKey() {
    Payment payment = ContractPayments.fresh(1_000);
    assertThat(channel().refund(key(payment, REFUND), key(payment, CHARGE), 1_000, payment)).isEmpty();
    assertRefused(() -> channel().charge(key(payment, CHARGE), payment), Refusals.ALREADY_COMPENSATED);
    assertThat(channel().findCharge(key(payment, CHARGE))).isEmpty();
  }

  @Test
  void aRepeatedRefundReplaysTheFirst() {
    Payment payment = ContractPayments.fresh(1_000);
    channel().charge(key(payment, CHARGE), payment);
    Optional<String> first = channel().refund(key(payment, REFUND), key(payment, CHARGE), 1_000, payment);
    assertThat(first).isPresent();
    assertThat(channel().refund(key(payment, REFUND), key(payment, CHARGE), 1_000, payment)).isEqualTo(first);
  }

  @Test
  void partialRefundsNeverPassTheCharge() {
    Payment payment = ContractPayments.fresh(1_000);
    channel().charge(key(payment, CHARGE), payment);
    assertThat(channel().refund("r1:" + REFUND, key(payment, CHARGE), 600, payment)).isPresent();
    assertThat(channel().refund("r2:" + REFUND, key(payment, CHARGE), 400, payment)).isPresent();
    assertRefused(() -> channel().refund("r3:" + REFUND, key(payment, CHARGE), 1, payment),
        Refusals.REFUND_EXCEEDS_CHARGE);
  }

  @Test
  void concurrentRefundsNeverPassTheCharge() throws InterruptedException {
    Payment payment = ContractPayments.fresh(1_000);
    channel().charge(key(payment, CHARGE), payment);
    List<Callable<?>> refunds = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      String refundKey = payment.paymentNo() + "-r" + i + ":" + REFUND;
      refunds.add(() -> channel().refund(refundKey, key(payment, CHARGE), 300, payment));
    }
    List<Object> outcomes = Outcomes.race(refunds);
    long refunded = outcomes.stream().filter(Optional.class::isInstance).count();
    assertThat(refunded).as("refunds of 300 from a charge of 1000: %s", outcomes).isBetween(1L, 3L);
    assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOfAny(
        Optional.class, ServiceRefusedException.class, ServiceUnavailableException.class));
  }

  @Test
  void concurrentChargesOnOneKeyChargeOnce() throws InterruptedException {
    Payment payment = ContractPayments.fresh(1_000);
    List<Callable<?>> charges =
        Collections.nCopies(8, () -> channel().charge(key(payment, CHARGE), payment));
    List<Object> outcomes = Outcomes.race(charges);
    // Losers of the race may be told to retry (a conflict on the key); winners agree on one charge.
    assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOfAny(
        String.class, ServiceUnavailableException.class));
    assertThat(outcomes.stream().filter(String.class::isInstance).distinct()).hasSizeLessThanOrEqualTo(1);
    String charge = channel().charge(key(payment, CHARGE), payment);
    assertThat(channel().findCharge(key(payment, CHARGE))).contains(charge);
    assertThat(outcomes.stream().filter(String.class::isInstance)).allMatch(charge::equals);
  }
}
