package org.paysaga.payment.sandbox;

import static org.paysaga.payment.PaymentSteps.REVERSE_MERCHANT_CREDIT;
import static org.paysaga.refund.RefundSteps.CREDIT_MERCHANT_BACK;
import static org.paysaga.refund.RefundSteps.DEBIT_MERCHANT;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.redis.SagaKeyspace.SandboxKeys;

/** Reads one payment back from the sandbox and adds up what it recorded, its refunds included. */
final class SandboxAudit {
  private static final List<String> ACTIVITY_TYPES = PaymentSteps.ALL.stream()
      .flatMap(step -> Stream.of(step.step(), step.compensation()))
      .filter(Objects::nonNull)
      .toList();
  /** Fields of the scripts' own bookkeeping (void keys, running totals), not movements. */
  private static final String MARKER = "#";

  private final SandboxStore store;

  SandboxAudit(SandboxStore store) {
    this.store = store;
  }

  PaymentAudit audit(String sagaId) {
    SandboxKeys keys = store.keys(sagaId);
    List<String> stepKeys = ACTIVITY_TYPES.stream().map(type -> SagaKeyspace.idempotencyKey(sagaId, type)).toList();
    List<List<String>> snapshot = store.snapshot(keys, stepKeys);
    Map<String, String> order = pairs(snapshot.get(0));
    List<Movement> charges = movements(pairs(snapshot.get(1)), key -> true, Movement::parse);
    List<Movement> refunds = movements(pairs(snapshot.get(2)), key -> true, Movement::parse);
    Map<String, String> ledger = pairs(snapshot.get(3));
    List<Movement> reversals = movements(ledger, isStep(REVERSE_MERCHANT_CREDIT), Movement::parseUndo);
    List<Movement> debits = movements(ledger, isStep(DEBIT_MERCHANT), Movement::parse);
    List<Movement> creditsBack = movements(ledger, isStep(CREDIT_MERCHANT_BACK), Movement::parseUndo);
    List<Movement> credits = movements(ledger,
        isStep(REVERSE_MERCHANT_CREDIT).or(isStep(DEBIT_MERCHANT)).or(isStep(CREDIT_MERCHANT_BACK)).negate(),
        Movement::parse);

    // Attempts are counted per idempotency key; the payment saga's own are reported by activity type.
    Map<String, Integer> attempts = new HashMap<>();
    pairs(snapshot.get(4)).forEach((key, count) -> attempts.put(
        key.startsWith(sagaId + ":") ? key.substring(sagaId.length() + 1) : key, Integer.parseInt(count)));
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
        total(debits) - total(creditsBack),
        attempts, attemptTimes);
  }

  private static Predicate<String> isStep(String step) {
    return key -> key.endsWith(":" + step);
  }

  private static List<Movement> movements(Map<String, String> hash, Predicate<String> keys,
      java.util.function.Function<String, Movement> parse) {
    return hash.entrySet().stream()
        .filter(entry -> !entry.getKey().startsWith(MARKER) && keys.test(entry.getKey()))
        .map(entry -> parse.apply(entry.getValue()))
        .toList();
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
