package org.paysaga.providers.http;

import org.paysaga.ports.contract.Outcomes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.Payment;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.PspSimulatorProcess;
import org.paysaga.testsupport.Waits;

/**
 * The channel against the simulator's faults, run as a process: dropped answers, slow answers,
 * errors, a SIGKILL and a restart, a race on one key, the API key, the magic card tokens.
 */
class HttpPaymentChannelFaultsIT {
  private static PspSimulatorProcess simulator;
  private static HttpPaymentChannel channel;

  @BeforeAll
  static void startSimulator() throws IOException {
    simulator = PspSimulatorProcess.start("faults");
    channel = Simulators.channel(simulator);
  }

  @AfterAll
  static void stopSimulator() {
    if (simulator != null) {
      simulator.close();
    }
  }

  private static Payment payment(long amount, String card) {
    return new Payment("it-" + UUID.randomUUID().toString().substring(0, 18), "m_it", amount, "CNY", card);
  }

  private static String chargeKey(Payment payment) {
    return "payment-" + payment.paymentNo() + ":CallPaymentChannel";
  }

  private static String refundKey(Payment payment) {
    return "payment-" + payment.paymentNo() + ":RefundPayment";
  }

  private static HttpPaymentChannel faulty(String fault) {
    return new HttpPaymentChannel(Simulators.options(simulator).header("X-Simulator-Fault", fault).build());
  }

  @Test
  void aDroppedAnswerIsAnUnknownOutcomeAndTheChargeIsFoundAfterwards() throws Exception {
    Payment payment = payment(1_200, "tok_visa");
    OutcomeUnknownException unknown = catchThrowableOfType(OutcomeUnknownException.class,
        () -> faulty("drop").charge(chargeKey(payment), payment));
    assertThat(unknown).isNotNull();
    assertThat(unknown.getMessage()).contains(chargeKey(payment)).doesNotContain("tok_visa");
    Optional<String> found = channel.findCharge(chargeKey(payment));
    assertThat(found).isPresent();
    assertThat(channel.charge(chargeKey(payment), payment)).isEqualTo(found.get());
    assertThat(Simulators.chargesOf(simulator, payment.paymentNo())).isEqualTo(1);
  }

  @Test
  void aDroppedRefundAnswerIsAnUnknownOutcomeAndItsRetryReplaysIt() {
    Payment payment = payment(1_000, "tok_visa");
    channel.charge(chargeKey(payment), payment);
    assertThat(catchThrowable(() -> faulty("drop").refund(refundKey(payment), chargeKey(payment), 1_000, payment)))
        .isInstanceOf(OutcomeUnknownException.class);
    assertThat(channel.refund(refundKey(payment), chargeKey(payment), 1_000, payment)).isPresent();
    ServiceRefusedException more = catchThrowableOfType(ServiceRefusedException.class,
        () -> channel.refund("other:" + refundKey(payment), chargeKey(payment), 1, payment));
    assertThat(more.reason()).isEqualTo(Refusals.REFUND_EXCEEDS_CHARGE);
  }

  @Test
  void anAnswerSlowerThanTheRequestTimeoutIsAnUnknownOutcomeAndChargesOnce() throws Exception {
    Payment payment = payment(1_300, "tok_visa");
    HttpPaymentChannel slow = new HttpPaymentChannel(Simulators.options(simulator)
        .requestTimeout(Duration.ofMillis(500)).header("X-Simulator-Fault", "slow:1500").build());
    OutcomeUnknownException unknown = catchThrowableOfType(OutcomeUnknownException.class,
        () -> slow.charge(chargeKey(payment), payment));
    assertThat(unknown).isNotNull();
    assertThat(unknown.getMessage()).contains("500 ms");
    Waits.until("the slow charge to be made", Duration.ofSeconds(10),
        () -> channel.findCharge(chargeKey(payment)).isPresent());
    String charge = channel.findCharge(chargeKey(payment)).orElseThrow();
    assertThat(channel.charge(chargeKey(payment), payment)).isEqualTo(charge);
    assertThat(Simulators.chargesOf(simulator, payment.paymentNo())).isEqualTo(1);
  }

  @Test
  void anErrorIsUnavailableAndChargesNothing() throws Exception {
    Payment payment = payment(1_400, "tok_visa");
    ServiceUnavailableException unavailable = catchThrowableOfType(ServiceUnavailableException.class,
        () -> faulty("error").charge(chargeKey(payment), payment));
    assertThat(unavailable.getMessage()).contains("HTTP 503");
    assertThat(channel.findCharge(chargeKey(payment))).isEmpty();
    assertThat(Simulators.chargesOf(simulator, payment.paymentNo())).isZero();
    // Nothing was recorded under the key: a retry charges.
    assertThat(channel.charge(chargeKey(payment), payment)).startsWith("ch_");
  }

  @Test
  void concurrentChargesOnOneKeyLeaveTheLosersInUse() throws Exception {
    Payment payment = payment(1_500, "tok_slow_2");
    List<Object> outcomes = Outcomes.race(java.util.Collections.nCopies(4, () -> channel.charge(chargeKey(payment), payment)));
    assertThat(outcomes).filteredOn(String.class::isInstance).hasSize(1);
    assertThat(outcomes).filteredOn(ServiceUnavailableException.class::isInstance).hasSize(3)
        .allSatisfy(lost -> assertThat(((Exception) lost).getMessage()).contains("409 idempotency_key_in_use"));
    assertThat(Simulators.chargesOf(simulator, payment.paymentNo())).isEqualTo(1);
  }

  @Test
  void theApiKeyIsEnforced() {
    Payment payment = payment(1_000, "tok_visa");
    HttpPaymentChannel keyless = new HttpPaymentChannel(HttpChannelOptions.builder().baseUrl(simulator.baseUrl()).build());
    HttpPaymentChannel wrongKey = new HttpPaymentChannel(Simulators.options(simulator).apiKey("sk_wrong").build());
    for (HttpPaymentChannel intruder : List.of(keyless, wrongKey)) {
      ServiceRefusedException refused = catchThrowableOfType(ServiceRefusedException.class,
          () -> intruder.charge(chargeKey(payment), payment));
      assertThat(refused.reason()).isEqualTo("unauthorized");
      assertThat(refused.getMessage()).contains("HTTP 401");
      assertThat(catchThrowableOfType(ServiceRefusedException.class, () -> intruder.findCharge(chargeKey(payment)))
          .reason()).isEqualTo("unauthorized");
    }
    assertThat(channel.findCharge(chargeKey(payment))).isEmpty();
    assertThat(keyless.health().up()).as("health needs no key").isTrue();
  }

  @Test
  void aKilledSimulatorKeepsChargesRefundsAndVoidedKeysAcrossARestart() throws Exception {
    try (PspSimulatorProcess own = PspSimulatorProcess.start("restart")) {
      HttpPaymentChannel before = Simulators.channel(own);
      Payment charged = payment(1_000, "tok_visa");
      Payment neverCharged = payment(2_000, "tok_visa");
      String charge = before.charge(chargeKey(charged), charged);
      String refund = before.refund(refundKey(charged), chargeKey(charged), 600, charged).orElseThrow();
      assertThat(before.refund(refundKey(neverCharged), chargeKey(neverCharged), 2_000, neverCharged)).isEmpty();

      own.kill();
      assertThat(before.health().up()).isFalse();
      assertThat(catchThrowable(() -> before.charge(chargeKey(charged), charged)))
          .isInstanceOf(ServiceUnavailableException.class);
      own.startAgain();
      assertThat(own.process().log().text()).contains("3 journal records replayed");

      HttpPaymentChannel after = Simulators.channel(own);
      assertThat(after.charge(chargeKey(charged), charged)).isEqualTo(charge);
      assertThat(after.findCharge(chargeKey(charged))).contains(charge);
      assertThat(after.refund(refundKey(charged), chargeKey(charged), 600, charged)).contains(refund);
      assertThat(catchThrowableOfType(ServiceRefusedException.class,
          () -> after.refund("second:" + refundKey(charged), chargeKey(charged), 401, charged)).reason())
          .isEqualTo(Refusals.REFUND_EXCEEDS_CHARGE);
      assertThat(after.refund("third:" + refundKey(charged), chargeKey(charged), 400, charged)).isPresent();
      assertThat(catchThrowableOfType(ServiceRefusedException.class,
          () -> after.charge(chargeKey(neverCharged), neverCharged)).reason()).isEqualTo(Refusals.ALREADY_COMPENSATED);
      assertThat(Simulators.audit(own).path("summary").path("voided_keys").asInt()).isEqualTo(1);
    }
  }

  @Test
  void aRefusedConnectionIsUnavailable() {
    Payment payment = payment(1_000, "tok_visa");
    HttpPaymentChannel nowhere = new HttpPaymentChannel(HttpChannelOptions.builder()
        .baseUrl("http://127.0.0.1:" + FreePorts.free()).build());
    assertThat(catchThrowable(() -> nowhere.charge(chargeKey(payment), payment)))
        .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("cannot connect");
    assertThat(catchThrowable(() -> nowhere.refund(refundKey(payment), chargeKey(payment), 1, payment)))
        .isInstanceOf(ServiceUnavailableException.class);
    assertThat(catchThrowable(() -> nowhere.findCharge(chargeKey(payment))))
        .isInstanceOf(ServiceUnavailableException.class);
    assertThat(nowhere.health().up()).isFalse();
  }

  @Test
  void theMagicCardsOfTheSandboxWork() {
    Payment flaky = payment(1_000, "tok_flaky_2");
    for (int attempt = 1; attempt <= 2; attempt++) {
      assertThat(catchThrowable(() -> channel.charge(chargeKey(flaky), flaky)))
          .isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("HTTP 503");
    }
    assertThat(channel.charge(chargeKey(flaky), flaky)).startsWith("ch_");

    Payment refundFlaky = payment(1_000, "tok_refund_flaky_2");
    channel.charge(chargeKey(refundFlaky), refundFlaky);
    for (int attempt = 1; attempt <= 2; attempt++) {
      assertThat(catchThrowable(() -> channel.refund(refundKey(refundFlaky), chargeKey(refundFlaky), 1_000, refundFlaky)))
          .isInstanceOf(ServiceUnavailableException.class);
    }
    assertThat(channel.refund(refundKey(refundFlaky), chargeKey(refundFlaky), 1_000, refundFlaky)).isPresent();

    Payment refundFails = payment(1_000, "tok_refund_fail");
    channel.charge(chargeKey(refundFails), refundFails);
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(catchThrowable(() -> channel.refund(refundKey(refundFails), chargeKey(refundFails), 1_000, refundFails)))
          .isInstanceOf(ServiceUnavailableException.class);
    }

    Payment refundRefused = payment(1_000, "tok_refund_refused");
    channel.charge(chargeKey(refundRefused), refundRefused);
    assertThat(catchThrowableOfType(ServiceRefusedException.class,
        () -> channel.refund(refundKey(refundRefused), chargeKey(refundRefused), 1_000, refundRefused)).reason())
        .isEqualTo(Refusals.REFUND_REFUSED);
  }

  @Test
  void cardTokensStayOutOfMessagesAndTheSimulatorsLog() {
    String secret = "tok_secret_4242";
    Payment payment = payment(1_000, secret);
    channel.charge(chargeKey(payment), payment);
    Payment other = new Payment(payment.paymentNo(), payment.merchantId(), 999, "CNY", secret);
    ServiceRefusedException reused = catchThrowableOfType(ServiceRefusedException.class,
        () -> channel.charge(chargeKey(payment), other));
    assertThat(reused.reason()).isEqualTo(Refusals.KEY_REUSED);
    assertThat(reused.getMessage()).contains("422").doesNotContain(secret);
    Payment declined = payment(1_000, "tok_decline");
    ServiceRefusedException decline = catchThrowableOfType(ServiceRefusedException.class,
        () -> channel.charge(chargeKey(declined), declined));
    assertThat(decline.getMessage()).contains("402 card_declined").doesNotContain("tok_decline");
    assertThat(simulator.process().log().text()).contains("tok_…4242").doesNotContain(secret)
        .doesNotContain("tok_decline");
  }

  @Test
  void healthReportsUp() {
    ChannelHealth health = channel.health();
    assertThat(health.up()).isTrue();
    assertThat(health.detail()).contains("HTTP 200");
    assertThat(health.latency()).isPositive();
  }
}
