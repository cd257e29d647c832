package org.paysaga.refund.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.SandboxFailure;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

/** The merchant account as a downstream service that dedupes, undoes by key and voids unseen keys. */
class MerchantAdjustmentsTest {
  private final MerchantAdjustments adjustments = new MerchantAdjustments(RedisTestServer.get().commands());
  private final PaymentRequest payment = TestPayments.withCard("tok_visa");
  private final String sagaId = "refund-" + TestPayments.uniquePaymentNo("adj");
  private final String debitKey = sagaId + ":DebitMerchant";
  private final String undoKey = sagaId + ":CreditMerchantBack";

  @Test
  void aDebitWhoseRecordWasLostIsStillCreditedBack() {
    // The worker posted the debit and died before the barrier recorded it.
    String debit = adjustments.debit(sagaId, debitKey, payment);

    String undo = adjustments.undoDebit(sagaId, debitKey, undoKey, payment);

    assertThat(undo).isNotEqualTo(MerchantAdjustments.NOTHING_TO_UNDO).isNotEqualTo(debit);
    assertThat(adjustments.undoDebit(sagaId, debitKey, undoKey, payment)).isEqualTo(undo);
    assertThat(adjustments.all(sagaId)).containsOnlyKeys(debitKey, undoKey);
  }

  @Test
  void aDebitArrivingAfterItsUndoIsRefused() {
    assertThat(adjustments.undoDebit(sagaId, debitKey, undoKey, payment)).isEqualTo(MerchantAdjustments.NOTHING_TO_UNDO);

    assertThatThrownBy(() -> adjustments.debit(sagaId, debitKey, payment))
        .isInstanceOfSatisfying(SandboxFailure.class, failure -> {
          assertThat(failure.type()).isEqualTo(PaymentRefusals.SAGA_ALREADY_COMPENSATED);
          assertThat(failure.retryable()).isFalse();
        });
    assertThat(adjustments.all(sagaId)).containsOnlyKeys("void:" + debitKey);
  }

  @Test
  void aRepeatedDebitPostsOnce() {
    String first = adjustments.debit(sagaId, debitKey, payment);
    assertThat(adjustments.debit(sagaId, debitKey, payment)).isEqualTo(first);
    assertThat(adjustments.all(sagaId)).hasSize(1);
  }
}
