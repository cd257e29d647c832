package org.paysaga.providers.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.paysaga.ports.contract.ContractPayments.key;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.OrderService;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.contract.ContractPayments;

/** The adapters' own rules beyond the contract: frozen merchants, keys reused, forward/undo races. */
class PostgresRulesTest {
  private static PostgresPaymentServices services;

  @BeforeAll
  static void start() {
    services = SharedPostgres.services();
  }

  @AfterAll
  static void stop() {
    services.close();
  }

  private static void assertRefused(Runnable call, String reason) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ServiceRefusedException.class,
        e -> assertThat(e.reason()).isEqualTo(reason));
  }

  private static Payment of(String merchant, long amount) {
    return new Payment("rule-" + System.nanoTime(), merchant, amount, "CNY", "tok_visa");
  }

  @Test
  void aFrozenMerchantIsNotCreditedUntilUnfrozen() {
    String merchant = "m_frozen_" + System.nanoTime();
    PostgresMerchants merchants = services.merchants();
    assertThat(merchants.isFrozen(merchant)).isFalse(); // not listed: active
    merchants.freeze(merchant);
    assertThat(merchants.isFrozen(merchant)).isTrue();
    Payment payment = of(merchant, 500);
    assertRefused(() -> services.ledger().credit(key(payment, "CreditMerchant"), payment), Refusals.MERCHANT_FROZEN);
    merchants.unfreeze(merchant);
    assertThat(merchants.isFrozen(merchant)).isFalse();
    // The refusal left the key free.
    assertThat(services.ledger().credit(key(payment, "CreditMerchant"), payment)).startsWith("ltx_");
    assertThatThrownBy(() -> merchants.freeze(" ")).hasMessageContaining("merchantId");
  }

  @Test
  void aKeyUsedForAnotherKindOfCallIsRefused() {
    Payment payment = ContractPayments.fresh(1_000);
    MerchantLedger ledger = services.ledger();
    ledger.credit(key(payment, "CreditMerchant"), payment);
    Refund refund = ContractPayments.refund(payment, 10);
    assertRefused(() -> ledger.debit(key(payment, "CreditMerchant"), key(payment, "CreditMerchant"), refund),
        Refusals.KEY_REUSED);
    assertRefused(() -> ledger.reverse(key(payment, "CreditMerchant"), key(payment, "X"), payment),
        Refusals.KEY_REUSED);
    // A credit back that names the credit as its debit.
    assertRefused(() -> ledger.creditBack(key(refund, "CreditMerchantBack"), key(payment, "CreditMerchant"), refund),
        Refusals.KEY_REUSED);
    OrderService orders = services.orders();
    orders.create(key(payment, "CreateOrder"), payment);
    assertRefused(() -> orders.complete(key(payment, "CreateOrder"), key(payment, "CreateOrder"), payment),
        Refusals.KEY_REUSED);
    assertRefused(() -> orders.cancel(key(payment, "CreateOrder"), key(payment, "CreateOrder"), payment),
        Refusals.KEY_REUSED);
  }

  @Test
  void oneOrderPerPaymentNumber() {
    Payment payment = ContractPayments.fresh(1_000);
    services.orders().create(key(payment, "CreateOrder"), payment);
    assertRefused(() -> services.orders().create("another-saga:CreateOrder", payment), Refusals.ORDER_STATE_CONFLICT);
  }

  @Test
  void aCreditIsReversedOnceWhateverTheReversalKey() {
    Payment payment = ContractPayments.fresh(1_000);
    MerchantLedger ledger = services.ledger();
    ledger.credit(key(payment, "CreditMerchant"), payment);
    Optional<String> first = ledger.reverse("a:ReverseMerchantCredit", key(payment, "CreditMerchant"), payment);
    assertThat(ledger.reverse("b:ReverseMerchantCredit", key(payment, "CreditMerchant"), payment)).isEqualTo(first);
    // A cancel under another key of a cancelled order answers with the order, once more.
    OrderService orders = services.orders();
    String order = orders.create(key(payment, "CreateOrder"), payment);
    orders.cancel("a:CancelOrder", key(payment, "CreateOrder"), payment);
    assertThat(orders.cancel("b:CancelOrder", key(payment, "CreateOrder"), payment)).contains(order);
    assertThat(orders.cancel(key(payment, "CancelOrder"), key(payment, "CreateOrder"), payment)).contains(order);
    // A paid order completed under another key: the same order.
    Payment paid = ContractPayments.fresh(1_000);
    String paidOrder = orders.create(key(paid, "CreateOrder"), paid);
    orders.complete("a:CompleteOrder", key(paid, "CreateOrder"), paid);
    assertThat(orders.complete("b:CompleteOrder", key(paid, "CreateOrder"), paid)).isEqualTo(paidOrder);
  }

  @Test
  void aForwardAndItsUndoRacingAreDecidedOnce() throws Exception {
    OrderService orders = services.orders();
    MerchantLedger ledger = services.ledger();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int i = 0; i < 25; i++) {
        Payment payment = ContractPayments.fresh(1_000);
        List<Object> outcomes = race(pool,
            () -> orders.create(key(payment, "CreateOrder"), payment),
            () -> orders.cancel(key(payment, "CancelOrder"), key(payment, "CreateOrder"), payment),
            () -> ledger.credit(key(payment, "CreditMerchant"), payment),
            () -> ledger.reverse(key(payment, "ReverseMerchantCredit"), key(payment, "CreditMerchant"), payment));
        assertDecidedOnce(outcomes.get(0), outcomes.get(1));
        assertDecidedOnce(outcomes.get(2), outcomes.get(3));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(services.audit().run().clean()).isTrue();
  }

  /** Either the forward went first (the undo undid it) or the undo did (the forward is refused). */
  private static void assertDecidedOnce(Object forward, Object undo) {
    if (forward instanceof String) {
      assertThat(undo).isInstanceOf(Optional.class);
      assertThat((Optional<?>) undo).isPresent();
    } else {
      assertThat(forward).isInstanceOfSatisfying(ServiceRefusedException.class,
          e -> assertThat(e.reason()).isEqualTo(Refusals.ALREADY_COMPENSATED));
      assertThat(undo).isEqualTo(Optional.empty());
    }
  }

  private static List<Object> race(ExecutorService pool, Callable<?>... calls) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<?>> futures = new ArrayList<>();
    for (Callable<?> call : calls) {
      futures.add(pool.submit(() -> {
        go.await();
        try {
          return call.call();
        } catch (ServiceRefusedException e) {
          return e;
        }
      }));
    }
    go.countDown();
    List<Object> outcomes = new ArrayList<>();
    for (Future<?> future : futures) {
      outcomes.add(future.get());
    }
    return outcomes;
  }
}
