package org.paysaga.reliability.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.paysaga.payment.PaymentSteps;

/** What the PSP simulator recorded ({@code GET /v1/audit}): every charge and refund, and its own counts. */
final class SimulatorRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Charge(String id, String key, String paymentNo, long amount, long refunded) {}

  record Refund(String id, String key, String chargeKey, long amount) {}

  private final List<Charge> charges;
  private final List<Refund> refunds;
  private final int doubleChargedPayments;
  private final int overRefundedCharges;

  SimulatorRecords(List<Charge> charges, List<Refund> refunds, int doubleChargedPayments, int overRefundedCharges) {
    this.charges = List.copyOf(charges);
    this.refunds = List.copyOf(refunds);
    this.doubleChargedPayments = doubleChargedPayments;
    this.overRefundedCharges = overRefundedCharges;
  }

  static SimulatorRecords parse(String auditJson) {
    JsonNode audit;
    try {
      audit = JSON.readTree(auditJson);
    } catch (IOException e) {
      throw new UncheckedIOException("the simulator's audit is not JSON", e);
    }
    List<Charge> charges = new ArrayList<>();
    for (JsonNode charge : audit.path("charges")) {
      charges.add(new Charge(charge.path("id").asText(), charge.path("idempotency_key").asText(),
          charge.path("payment_no").isTextual() ? charge.path("payment_no").asText() : null,
          charge.path("amount").asLong(), charge.path("refunded").asLong()));
    }
    List<Refund> refunds = new ArrayList<>();
    for (JsonNode refund : audit.path("refunds")) {
      refunds.add(new Refund(refund.path("id").asText(), refund.path("idempotency_key").asText(),
          refund.path("charge_idempotency_key").asText(), refund.path("amount").asLong()));
    }
    JsonNode summary = audit.path("summary");
    if (!summary.has("double_charged_payments") || !summary.has("over_refunded_charges")) {
      throw new IllegalStateException("the simulator's audit has no summary of double charges and over-refunds");
    }
    return new SimulatorRecords(charges, refunds, summary.path("double_charged_payments").asInt(),
        summary.path("over_refunded_charges").asInt());
  }

  /** The key the saga hands the channel for the payment's charge. */
  static String chargeKey(PlannedPayment payment) {
    return payment.sagaId() + ":" + PaymentSteps.CALL_PAYMENT_CHANNEL;
  }

  /** The payment's charges: by its payment number, or made under the saga's charge key. */
  List<Charge> chargesOf(PlannedPayment payment) {
    String paymentNo = payment.request().paymentNo();
    String key = chargeKey(payment);
    return charges.stream().filter(c -> paymentNo.equals(c.paymentNo()) || key.equals(c.key())).toList();
  }

  /** Every refund of those charges: the saga's compensation and any refund saga's. */
  List<Refund> refundsOf(List<Charge> charges) {
    Set<String> keys = charges.stream().map(Charge::key).collect(Collectors.toSet());
    return refunds.stream().filter(r -> keys.contains(r.chargeKey())).toList();
  }

  /** Payment numbers of charges the run did not plan. */
  Set<String> paymentNos() {
    return charges.stream().map(Charge::paymentNo).filter(no -> no != null).collect(Collectors.toSet());
  }

  List<Charge> charges() {
    return charges;
  }

  List<Refund> refunds() {
    return refunds;
  }

  /** The simulator's own count: payment numbers charged more than once. */
  int doubleChargedPayments() {
    return doubleChargedPayments;
  }

  /** The simulator's own count: charges refunded past their amount. */
  int overRefundedCharges() {
    return overRefundedCharges;
  }
}
