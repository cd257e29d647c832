package org.paysaga.cli.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.cli.testing.Cli;
import org.paysaga.cli.testing.CliRun;
import org.paysaga.cli.testing.SagaTestStack;
import org.paysaga.testing.TestPayments;

/** {@code saga refund}: partial refunds of a completed payment, never beyond its charge, and input refused before anything starts. */
class RefundCommandTest {
  private static final SagaTestStack stack = SagaTestStack.get();
  private static final Cli cli = stack.cli();
  /** A payment of 12.34 CNY that completed. */
  private static String paid;

  @BeforeAll
  static void pay() {
    paid = payment("tok_visa");
  }

  private static String payment(String cardToken) {
    String paymentNo = TestPayments.uniquePaymentNo("rfd");
    CliRun run = cli.run("pay", "--payment-no", paymentNo, "--merchant", "m_shop", "--amount", "12.34",
        "--currency", "CNY", "--card-token", cardToken, "--wait");
    assertThat(run.exitCode()).as(run.toString()).isIn(0, 1);
    return paymentNo;
  }

  @Test
  void partialRefundsCompleteUntilTheChargeIsUsedUp() {
    String paymentNo = payment("tok_visa");

    CliRun first = cli.run("refund", paymentNo, "--amount", "10.00", "--wait", "--json");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    JsonNode json = first.json();
    assertThat(json.get("paymentNo").asText()).isEqualTo(paymentNo);
    assertThat(json.get("amount").asText()).isEqualTo("10.00");
    assertThat(json.get("currency").asText()).isEqualTo("CNY");
    assertThat(json.get("sagaId").asText()).isEqualTo("refund-" + json.get("refundNo").asText());
    assertThat(json.get("status").asText()).isEqualTo("COMPLETED");

    CliRun rest = cli.run("refund", paymentNo, "--amount", "2.34", "--wait");
    assertThat(rest.exitCode()).as(rest.toString()).isZero();
    assertThat(rest.out()).contains("Started refund").contains("2.34 CNY").contains("COMPLETED");

    CliRun beyond = cli.run("refund", paymentNo, "--amount", "0.01", "--wait", "--json");
    assertThat(beyond.exitCode()).as(beyond.toString()).isEqualTo(1);
    assertThat(beyond.json().get("status").asText()).isEqualTo("COMPENSATED");
    assertThat(beyond.json().get("saga").get("failure").asText()).contains("RefundExceedsCharge");
  }

  @Test
  void aRefundNumberRunsOnce() {
    String refundNo = TestPayments.uniquePaymentNo("r");
    CliRun first = cli.run("refund", paid, "--amount", "0.50", "--refund-no", refundNo, "--wait");
    assertThat(first.exitCode()).as(first.toString()).isZero();

    CliRun again = cli.run("refund", paid, "--amount", "0.50", "--refund-no", refundNo, "--json");

    assertThat(again.exitCode()).as(again.toString()).isZero();
    assertThat(again.json().get("started").asBoolean()).isFalse();
    assertThat(again.json().get("status").asText()).isEqualTo("COMPLETED");
  }

  @Test
  void onlyACompletedPaymentIsRefunded() {
    String declined = payment("tok_decline");

    CliRun run = cli.run("refund", declined);

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("<paymentNo>").contains("COMPENSATED");
  }

  @Test
  void anUnknownPaymentIsNotFound() {
    CliRun run = cli.run("refund", TestPayments.uniquePaymentNo("nobody"));

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
  }

  @Test
  void aBadAmountIsRefusedNamingTheOption() {
    CliRun malformed = cli.run("refund", paid, "--amount", "ten");
    assertThat(malformed.exitCode()).isEqualTo(2);
    assertThat(malformed.err()).contains("--amount");

    CliRun tooPrecise = cli.run("refund", paid, "--amount", "1.005");
    assertThat(tooPrecise.exitCode()).as(tooPrecise.toString()).isEqualTo(2);
    assertThat(tooPrecise.err()).contains("--amount");

    CliRun tooMuch = cli.run("refund", paid, "--amount", "12.35");
    assertThat(tooMuch.exitCode()).as(tooMuch.toString()).isEqualTo(2);
    assertThat(tooMuch.err()).contains("--amount").contains("12.34");
  }

  @Test
  void aBadRefundNumberIsRefusedNamingTheOption() {
    CliRun run = cli.run("refund", paid, "--refund-no", "no spaces");

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--refund-no");
  }
}
