package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;
import static org.paysaga.payment.sandbox.SandboxFailures.assertRefused;
import static org.paysaga.payment.sandbox.SandboxFailures.assertUnavailable;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRefusals;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.sandbox.SandboxEffect.Outcome;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

class SandboxLedgerTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final SandboxLedger ledger = new SandboxPaymentServices(redis).ledger();

  @Test
  void creditingTwiceCreditsTheMerchantOnce() {
    PaymentRequest payment = TestPayments.toMerchant("m_shop");
    String sagaId = TestPayments.sagaId(payment);

    SandboxEffect credit = ledger.credit(sagaId, payment);
    SandboxEffect again = ledger.credit(sagaId, payment);

    assertThat(credit.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(credit.reference()).startsWith("le_");
    assertThat(again).isEqualTo(new SandboxEffect(credit.reference(), Outcome.REPLAYED));
    assertThat(redis.hgetall(SagaKeyspace.DEFAULT.sandbox(sagaId).ledger())).containsExactly(
        Map.entry(sagaId + ":CreditMerchant", credit.reference() + "|1234|CNY|m_shop"));
  }

  @Test
  void aFrozenMerchantIsRefusedAndNotCredited() {
    PaymentRequest payment = TestPayments.toMerchant(SandboxMagicValues.MERCHANT_FROZEN);
    String sagaId = TestPayments.sagaId(payment);

    assertRefused(() -> ledger.credit(sagaId, payment), PaymentRefusals.MERCHANT_FROZEN);

    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(sagaId).ledger())).isZero();
  }

  @Test
  void aFlakyMerchantFailsItsFirstAttemptsThenIsCredited() {
    PaymentRequest payment = TestPayments.toMerchant(SandboxMagicValues.flakyMerchant(2));
    String sagaId = TestPayments.sagaId(payment);

    assertUnavailable(() -> ledger.credit(sagaId, payment), SandboxFailure.LEDGER_UNAVAILABLE);
    assertUnavailable(() -> ledger.credit(sagaId, payment), SandboxFailure.LEDGER_UNAVAILABLE);
    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(sagaId).ledger())).isZero();

    assertThat(ledger.credit(sagaId, payment).outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(redis.hlen(SagaKeyspace.DEFAULT.sandbox(sagaId).ledger())).isEqualTo(1);
    assertThat(redis.hget(SagaKeyspace.DEFAULT.sandbox(sagaId).attempts(), CREDIT_MERCHANT)).isEqualTo("3");
  }

  @Test
  void reversingTwiceReversesTheCreditOnce() {
    PaymentRequest payment = TestPayments.toMerchant("m_shop");
    String sagaId = TestPayments.sagaId(payment);
    SandboxEffect credit = ledger.credit(sagaId, payment);

    SandboxEffect reversal = ledger.reverse(sagaId);
    SandboxEffect again = ledger.reverse(sagaId);

    assertThat(reversal.outcome()).isEqualTo(Outcome.APPLIED);
    assertThat(reversal.reference()).startsWith("lr_");
    assertThat(again).isEqualTo(new SandboxEffect(reversal.reference(), Outcome.REPLAYED));
    assertThat(redis.hget(SagaKeyspace.DEFAULT.sandbox(sagaId).ledger(), sagaId + ":ReverseMerchantCredit"))
        .isEqualTo(reversal.reference() + "|" + credit.reference() + "|1234|CNY|m_shop");
    assertThat(redis.hlen(SagaKeyspace.DEFAULT.sandbox(sagaId).ledger())).isEqualTo(2);
  }

  @Test
  void reversingWithoutACreditDoesNothingAndSucceeds() {
    String sagaId = TestPayments.sagaId(TestPayments.toMerchant("m_shop"));

    SandboxEffect reversal = ledger.reverse(sagaId);

    assertThat(reversal).isEqualTo(
        new SandboxEffect(SandboxLedger.NOTHING_TO_REVERSE, Outcome.NOTHING_TO_DO));
    assertThat(redis.exists(SagaKeyspace.DEFAULT.sandbox(sagaId).ledger())).isZero();
  }
}
