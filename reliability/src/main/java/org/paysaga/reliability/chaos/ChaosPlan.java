package org.paysaga.reliability.chaos;

import java.util.Locale;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.paysaga.payment.PaymentRequest;

/**
 * The run's payments: each path gets its share of {@code count} (largest remainder, so the counts
 * add up exactly), in an order shuffled by the seed, so a run is repeatable and the paths are
 * spread over the faults.
 */
public final class ChaosPlan {
  private ChaosPlan() {}

  /**
   * @param runTag makes the payment numbers unique to this run ({@code chaos-<runTag>-00042})
   * @param slowSeconds charge time of the slow path, past the channel's start-to-close timeout
   */
  public static List<PlannedPayment> of(int count, String runTag, long seed, int slowSeconds) {
    if (count < 1) {
      throw new IllegalArgumentException("payments must be at least 1, was " + count);
    }
    List<PaymentPath> paths = new ArrayList<>();
    shares(count).forEach((path, n) -> {
      for (int i = 0; i < n; i++) {
        paths.add(path);
      }
    });
    Random random = new Random(seed);
    Collections.shuffle(paths, random);
    Map<PaymentPath, Integer> variants = new EnumMap<>(PaymentPath.class);
    List<PlannedPayment> payments = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      PaymentPath path = paths.get(i);
      int variant = variants.merge(path, 1, Integer::sum) - 1;
      String paymentNo = String.format(Locale.ROOT, "chaos-%s-%05d", runTag, i + 1);
      long amountMinor = 100 + random.nextInt(99_900); // 1.00 to 999.99 CNY
      PaymentRequest request = new PaymentRequest(paymentNo, path.merchant(variant), amountMinor, "CNY",
          path.cardToken(variant, slowSeconds));
      payments.add(new PlannedPayment(i, path, request));
    }
    return List.copyOf(payments);
  }

  /** How many of {@code count} payments each path gets; the counts add up to {@code count}. */
  public static Map<PaymentPath, Integer> shares(int count) {
    Map<PaymentPath, Integer> shares = new EnumMap<>(PaymentPath.class);
    Map<PaymentPath, Long> remainders = new EnumMap<>(PaymentPath.class);
    int assigned = 0;
    for (PaymentPath path : PaymentPath.values()) {
      long scaled = (long) count * path.perMille();
      shares.put(path, (int) (scaled / 1000));
      remainders.put(path, scaled % 1000);
      assigned += (int) (scaled / 1000);
    }
    List<PaymentPath> byRemainder = new ArrayList<>(List.of(PaymentPath.values()));
    byRemainder.sort(Comparator.comparing((PaymentPath p) -> remainders.get(p)).reversed());
    for (int i = 0; assigned < count; i++, assigned++) {
      shares.merge(byRemainder.get(i % byRemainder.size()), 1, Integer::sum);
    }
    return shares;
  }
}
