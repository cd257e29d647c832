package org.paysaga.payment.sandbox;

import org.paysaga.redis.SagaKeyspace.SandboxKeys;

import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.paysaga.payment.PaymentSteps;

/** Reads one saga back from the sandbox and adds up what it recorded. */
final class SandboxAudit {
  private static final List<String> ACTIVITY_TYPES = PaymentSteps.ALL.stream()
      .flatMap(step -> Stream.of(step.step(), step.compensation()))
      .filter(Objects::nonNull)
      .toList();

  private final SandboxStore store;

  SandboxAudit(SandboxStore store) {
    this.store = store;
  }

  PaymentAudit audit(String sagaId) {
    SandboxKeys keys = store.keys(sagaId);
    List<List<String>> snapshot = store.snapshot(keys, ACTIVITY_TYPES);
    Map<String, String> order = pairs(snapshot.get(0));
    List<Movement> charges = pairs(snapshot.get(1)).values().stream().map(Movement::parse).toList();
    List<Movement> refunds = pairs(snapshot.get(2)).values().stream().map(Movement::parseUndo).toList();
    Map<String, String> ledger = pairs(snapshot.get(3));
    String reversalKey = keys.idempotencyKey(REVERSE_MERCHANT_CREDIT);
    List<Movement> reversals = ledger.entrySet().stream()
        .filter(entry -> entry.getKey().equals(reversalKey))
        .map(entry -> Movement.parseUndo(entry.getValue())).toList();
    List<Movement> credits = ledger.entrySet().stream()
        .filter(entry -> !entry.getKey().equals(reversalKey))
        .map(entry -> Movement.parse(entry.getValue())).toList();

    Map<String, Integer> attempts = new HashMap<>();
    pairs(snapshot.get(4)).forEach((type, count) -> attempts.put(type, Integer.parseInt(count)));
    Map<String, List<Long>> attemptTimes = new HashMap<>();
    for (int i = 0; i < ACTIVITY_TYPES.size(); i++) {
      List<Long> times = snapshot.get(5 + i).stream().map(Long::parseLong).toList();
      if (!times.isEmpty()) {
        attemptTimes.put(ACTIVITY_TYPES.get(i), times);
      }
    }

    return new PaymentAudit(sagaId,
        order.containsKey("status") ? OrderStatus.valueOf(order.get("status")) : OrderStatus.NONE,
        charges.size(), total(charges),
        refunds.size(), total(refunds),
        credits.size(), total(credits),
        reversals.size(), total(reversals),
        attempts, attemptTimes);
  }

  /** A hash as HGETALL returns it, field, value, field, value..., as a map. */
  private static Map<String, String> pairs(List<String> flat) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      map.put(flat.get(i), flat.get(i + 1));
    }
    return map;
  }

  private static long total(List<Movement> movements) {
    return movements.stream().mapToLong(Movement::amountMinor).sum();
  }
}
