package org.paysaga.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the simulator knows: the answer recorded under each idempotency key (per endpoint), the
 * charges, the refunds and the voided charge keys. Built by replaying the journal, then kept up
 * by {@link #record}: every change is journaled first, then applied, one record a change.
 *
 * <p>A record: {@code {"endpoint":"charges"|"refunds","key":K,"fingerprint":F,"status":S,"body":"..."}}
 * with one of {@code "charge":{...}}, {@code "refund":{...}} or {@code "void":"<charge key>"}.
 */
final class SimulatorState {
  /** The answer of the first request on a key: replayed to the same parameters. */
  record StoredResponse(String fingerprint, int status, String body) {}

  record Charge(String id, String key, long amount, String currency, String merchant, String paymentNo,
      String sourceMask, String refundMode, long created) {}

  record Refund(String id, String key, String chargeId, String chargeKey, long amount, long created) {}

  private final ObjectMapper json;
  private volatile Journal journal;
  private final Map<String, StoredResponse> responses = new ConcurrentHashMap<>();
  private final Map<String, Charge> charges = new ConcurrentHashMap<>();
  private final Map<String, Long> refunded = new ConcurrentHashMap<>();
  private final List<Charge> chargeLog = new ArrayList<>();
  private final List<Refund> refundLog = new ArrayList<>();
  private final Set<String> voided = ConcurrentHashMap.newKeySet();
  private final Set<String> voidLog = new LinkedHashSet<>();

  private SimulatorState(ObjectMapper json, Journal journal) {
    this.json = json;
    this.journal = journal;
  }

  /** An empty state whose changes nobody journals (unit tests of the state alone). */
  static SimulatorState inMemory(ObjectMapper json) {
    return new SimulatorState(json, null);
  }

  /** The state the journal in {@code dataDir} holds, journaled from here on. */
  static SimulatorState replaying(ObjectMapper json, Path dataDir) throws IOException {
    SimulatorState state = new SimulatorState(json, null);
    state.journal = Journal.open(dataDir, json, state::apply);
    return state;
  }

  Optional<Journal> journal() {
    return Optional.ofNullable(journal);
  }

  static String slot(String endpoint, String key) {
    return endpoint + " " + key;
  }

  StoredResponse response(String endpoint, String key) {
    return responses.get(slot(endpoint, key));
  }

  Optional<Charge> charge(String chargeKey) {
    return Optional.ofNullable(charges.get(chargeKey));
  }

  long refunded(String chargeKey) {
    return refunded.getOrDefault(chargeKey, 0L);
  }

  boolean isVoided(String chargeKey) {
    return voided.contains(chargeKey);
  }

  /** Journals the record (forced to disk), then applies it. */
  void record(ObjectNode record) {
    Journal current = journal;
    if (current != null) {
      current.append(record);
    }
    apply(record);
  }

  synchronized void apply(JsonNode record) {
    String endpoint = record.path("endpoint").asText();
    String key = record.path("key").asText();
    responses.put(slot(endpoint, key), new StoredResponse(record.path("fingerprint").asText(),
        record.path("status").asInt(), record.path("body").asText()));
    JsonNode charge = record.get("charge");
    if (charge != null) {
      Charge made = new Charge(charge.path("id").asText(), key, charge.path("amount").asLong(),
          charge.path("currency").asText(), charge.path("merchant").asText(null),
          charge.path("payment_no").asText(null), charge.path("source_mask").asText(),
          charge.path("refund_mode").asText("normal"), charge.path("created").asLong());
      charges.put(key, made);
      chargeLog.add(made);
    }
    JsonNode refund = record.get("refund");
    if (refund != null) {
      Refund made = new Refund(refund.path("id").asText(), key, refund.path("charge").asText(),
          refund.path("charge_idempotency_key").asText(), refund.path("amount").asLong(),
          refund.path("created").asLong());
      refunded.merge(made.chargeKey(), made.amount(), Long::sum);
      refundLog.add(made);
    }
    JsonNode voidedKey = record.get("void");
    if (voidedKey != null) {
      voided.add(voidedKey.asText());
      voidLog.add(voidedKey.asText());
    }
  }

  /**
   * Every charge, refund and voided key, with the counts a chaos run checks: payments charged more
   * than once, charges refunded past their amount.
   */
  synchronized ObjectNode audit() {
    ObjectNode audit = json.createObjectNode();
    ArrayNode chargeList = audit.putArray("charges");
    Map<String, Integer> chargesPerPayment = new HashMap<>();
    int overRefunded = 0;
    for (Charge charge : chargeLog) {
      long refundedAmount = refunded(charge.key());
      chargeList.add(chargeJson(charge).put("refunded", refundedAmount));
      if (charge.paymentNo() != null) {
        chargesPerPayment.merge(charge.paymentNo(), 1, Integer::sum);
      }
      if (refundedAmount > charge.amount()) {
        overRefunded++;
      }
    }
    ArrayNode refundList = audit.putArray("refunds");
    for (Refund refund : refundLog) {
      refundList.add(refundJson(refund).put("charge_idempotency_key", refund.chargeKey()));
    }
    ArrayNode voidList = audit.putArray("voided_keys");
    voidLog.forEach(voidList::add);
    ObjectNode summary = audit.putObject("summary");
    summary.put("charges", chargeLog.size());
    summary.put("refunds", refundLog.size());
    summary.put("voided_keys", voidLog.size());
    summary.put("double_charged_payments", chargesPerPayment.values().stream().filter(count -> count > 1).count());
    summary.put("over_refunded_charges", overRefunded);
    return audit;
  }

  /** The charge as the API shows it (never its card token). */
  ObjectNode chargeJson(Charge charge) {
    ObjectNode node = json.createObjectNode();
    node.put("id", charge.id());
    node.put("object", "charge");
    node.put("amount", charge.amount());
    node.put("currency", charge.currency());
    node.put("status", "succeeded");
    node.put("idempotency_key", charge.key());
    node.put("merchant", charge.merchant());
    node.put("payment_no", charge.paymentNo());
    node.put("source", charge.sourceMask());
    node.put("created", charge.created());
    return node;
  }

  ObjectNode refundJson(Refund refund) {
    ObjectNode node = json.createObjectNode();
    node.put("id", refund.id());
    node.put("object", "refund");
    node.put("amount", refund.amount());
    node.put("charge", refund.chargeId());
    node.put("idempotency_key", refund.key());
    node.put("status", "succeeded");
    node.put("created", refund.created());
    return node;
  }
}
