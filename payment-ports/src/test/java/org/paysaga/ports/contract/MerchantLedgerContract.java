package org.paysaga.ports.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.ports.contract.ContractPayments.key;
import static org.paysaga.ports.contract.Outcomes.assertRefused;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.MerchantLedger;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refund;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;

/** What every {@link MerchantLedger} must do; an adapter's test extends this with {@link #ledger()}. */
public abstract class MerchantLedgerContract {
  private static final String CREDIT = "CreditMerchant";
  private static final String REVERSE = "ReverseMerchantCredit";
  private static final String DEBIT = "DebitMerchant";
  private static final String CREDIT_BACK = "CreditMerchantBack";

  protected abstract MerchantLedger ledger();

  @Test
  void aRepeatedCreditReplaysTheFirst() {
    Payment payment = ContractPayments.fresh(1_000);
    String credit = ledger().credit(key(payment, CREDIT), payment);
    assertThat(ledger().credit(key(payment, CREDIT), payment)).isEqualTo(credit);
  }

  @Test
  void aCreditIsReversedOnce() {
    Payment payment = ContractPayments.fresh(1_000);
    ledger().credit(key(payment, CREDIT), payment);
    Optional<String> reversal = ledger().reverse(key(payment, REVERSE), key(payment, CREDIT), payment);
    assertThat(reversal).isPresent();
    assertThat(ledger().reverse(key(payment, REVERSE), key(payment, CREDIT), payment)).isEqualTo(reversal);
  }

  @Test
  void aReversalOfACreditNeverPostedVoidsItsKey() {
    Payment payment = ContractPayments.fresh(1_000);
    assertThat(ledger().reverse(key(payment, REVERSE), key(payment, CREDIT), payment)).isEmpty();
    assertRefused(() -> ledger().credit(key(payment, CREDIT), payment), Refusals.ALREADY_COMPENSATED);
  }

  @Test
  void refundsNeverPassTheCredit() {
    Payment payment = ContractPayments.fresh(1_000);
    ledger().credit(key(payment, CREDIT), payment);
    Refund first = ContractPayments.refund(payment, 700);
    String debit = ledger().debit(key(first, DEBIT), key(payment, CREDIT), first);
    assertThat(ledger().debit(key(first, DEBIT), key(payment, CREDIT), first)).isEqualTo(debit);
    Refund second = ContractPayments.refund(payment, 301);
    assertRefused(() -> ledger().debit(key(second, DEBIT), key(payment, CREDIT), second),
        Refusals.REFUND_EXCEEDS_CHARGE);
    Refund rest = ContractPayments.refund(payment, 300);
    assertThat(ledger().debit(key(rest, DEBIT), key(payment, CREDIT), rest)).isNotBlank();
  }

  @Test
  void noRefundWithoutACredit() {
    Payment payment = ContractPayments.fresh(1_000);
    Refund refund = ContractPayments.refund(payment, 1);
    assertRefused(() -> ledger().debit(key(refund, DEBIT), key(payment, CREDIT), refund),
        Refusals.REFUND_EXCEEDS_CHARGE);
  }

  @Test
  void aCreditBackFreesTheRefundedAmount() {
    Payment payment = ContractPayments.fresh(1_000);
    ledger().credit(key(payment, CREDIT), payment);
    Refund refund = ContractPayments.refund(payment, 1_000);
    ledger().debit(key(refund, DEBIT), key(payment, CREDIT), refund);
    Optional<String> back = ledger().creditBack(key(refund, CREDIT_BACK), key(refund, DEBIT), refund);
    assertThat(back).isPresent();
    assertThat(ledger().creditBack(key(refund, CREDIT_BACK), key(refund, DEBIT), refund)).isEqualTo(back);
    Refund again = ContractPayments.refund(payment, 1_000);
    assertThat(ledger().debit(key(again, DEBIT), key(payment, CREDIT), again)).isNotBlank();
  }

  @Test
  void aCreditBackOfADebitNeverPostedVoidsItsKey() {
    Payment payment = ContractPayments.fresh(1_000);
    ledger().credit(key(payment, CREDIT), payment);
    Refund refund = ContractPayments.refund(payment, 100);
    assertThat(ledger().creditBack(key(refund, CREDIT_BACK), key(refund, DEBIT), refund)).isEmpty();
    assertRefused(() -> ledger().debit(key(refund, DEBIT), key(payment, CREDIT), refund),
        Refusals.ALREADY_COMPENSATED);
  }

  @Test
  void aReversedCreditLeavesNothingToRefund() {
    Payment payment = ContractPayments.fresh(1_000);
    ledger().credit(key(payment, CREDIT), payment);
    ledger().reverse(key(payment, REVERSE), key(payment, CREDIT), payment);
    Refund refund = ContractPayments.refund(payment, 1);
    assertRefused(() -> ledger().debit(key(refund, DEBIT), key(payment, CREDIT), refund),
        Refusals.REFUND_EXCEEDS_CHARGE);
  }

  @Test
  void concurrentRefundsNeverPassTheCredit() throws InterruptedException {
    Payment payment = ContractPayments.fresh(1_000);
    ledger().credit(key(payment, CREDIT), payment);
    List<Callable<?>> debits = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Refund refund = ContractPayments.refund(payment, 300);
      debits.add(() -> ledger().debit(key(refund, DEBIT), key(payment, CREDIT), refund));
    }
    List<Object> outcomes = Outcomes.race(debits);
    assertThat(outcomes.stream().filter(String.class::isInstance).count())
        .as("debits of 300 against a credit of 1000: %s", outcomes).isBetween(1L, 3L);
    assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome).isInstanceOfAny(
        String.class, ServiceRefusedException.class, ServiceUnavailableException.class));
  }
}
