package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.paysaga.reliability.chaos.PaymentPath.DECLINE;
import static org.paysaga.reliability.chaos.PaymentPath.FLAKY_CHARGE;
import static org.paysaga.reliability.chaos.PaymentPath.FLAKY_CHARGE_EXHAUSTED;
import static org.paysaga.reliability.chaos.PaymentPath.FLAKY_MERCHANT;
import static org.paysaga.reliability.chaos.PaymentPath.FROZEN_MERCHANT;
import static org.paysaga.reliability.chaos.PaymentPath.REFUND_NEVER_SUCCEEDS;
import static org.paysaga.reliability.chaos.PaymentPath.REFUND_RECOVERS;
import static org.paysaga.reliability.chaos.PaymentPath.SLOW_PAST_TIMEOUT;
import static org.paysaga.reliability.chaos.PaymentPath.SUCCESS;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;

class ChaosPlanTest {
  private static final long SEED = 20261123L;
  private static final int SLOW_SECONDS = 5;

  private static List<PlannedPayment> plan(int count) {
    return ChaosPlan.of(count, "t1", SEED, SLOW_SECONDS);
  }

  private static List<PlannedPayment> ofPath(List<PlannedPayment> plan, PaymentPath path) {
    return plan.stream().filter(p -> p.path() == path).toList();
  }

  @Test
  void thePerMilleWeightsAddUpTo1000() {
    assertThat(List.of(PaymentPath.values()).stream().mapToInt(PaymentPath::perMille).sum()).isEqualTo(1000);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 7, 200, 999, 1000, 1234, 5003})
  void sharesAddUpToTheCountAndStayWithinOneOfTheExactQuota(int count) {
    Map<PaymentPath, Integer> shares = ChaosPlan.shares(count);

    assertThat(shares).containsOnlyKeys(PaymentPath.values());
    assertThat(shares.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(count);
    shares.forEach((path, n) -> {
      long floor = (long) count * path.perMille() / 1000;
      assertThat((long) n).as("%s of %d", path, count).isBetween(floor, floor + 1);
    });
  }

  @Test
  void sharesOf1000AreThePerMilleWeights() {
    assertThat(ChaosPlan.shares(1000)).containsExactly(
        entry(SUCCESS, 600), entry(DECLINE, 100), entry(FLAKY_CHARGE, 100), entry(FLAKY_MERCHANT, 30),
        entry(FLAKY_CHARGE_EXHAUSTED, 20), entry(SLOW_PAST_TIMEOUT, 50), entry(FROZEN_MERCHANT, 50),
        entry(REFUND_RECOVERS, 40), entry(REFUND_NEVER_SUCCEEDS, 10));
  }

  @Test
  void sharesOf200AreExact() {
    assertThat(ChaosPlan.shares(200)).containsExactly(
        entry(SUCCESS, 120), entry(DECLINE, 20), entry(FLAKY_CHARGE, 20), entry(FLAKY_MERCHANT, 6),
        entry(FLAKY_CHARGE_EXHAUSTED, 4), entry(SLOW_PAST_TIMEOUT, 10), entry(FROZEN_MERCHANT, 10),
        entry(REFUND_RECOVERS, 8), entry(REFUND_NEVER_SUCCEEDS, 2));
  }

  @Test
  void theLeftoversGoToTheLargestRemaindersFirstAndTiesInPathOrder() {
    // 7: floors 4 (SUCCESS) + 0..., remainders DECLINE 700, FLAKY_CHARGE 700, SLOW 350, FROZEN 350 (tie, later).
    assertThat(ChaosPlan.shares(7)).containsExactly(
        entry(SUCCESS, 4), entry(DECLINE, 1), entry(FLAKY_CHARGE, 1), entry(FLAKY_MERCHANT, 0),
        entry(FLAKY_CHARGE_EXHAUSTED, 0), entry(SLOW_PAST_TIMEOUT, 1), entry(FROZEN_MERCHANT, 0),
        entry(REFUND_RECOVERS, 0), entry(REFUND_NEVER_SUCCEEDS, 0));
    // 1234: floors add up to 1230; SLOW 700, FROZEN 700, EXHAUSTED 680, then SUCCESS 400 (first of three 400s).
    assertThat(ChaosPlan.shares(1234)).containsExactly(
        entry(SUCCESS, 741), entry(DECLINE, 123), entry(FLAKY_CHARGE, 123), entry(FLAKY_MERCHANT, 37),
        entry(FLAKY_CHARGE_EXHAUSTED, 25), entry(SLOW_PAST_TIMEOUT, 62), entry(FROZEN_MERCHANT, 62),
        entry(REFUND_RECOVERS, 49), entry(REFUND_NEVER_SUCCEEDS, 12));
  }

  @Test
  void aSinglePaymentIsASuccess() {
    assertThat(ChaosPlan.shares(1)).containsEntry(SUCCESS, 1);
    List<PlannedPayment> plan = plan(1);
    assertThat(plan).hasSize(1);
    assertThat(plan.get(0).path()).isEqualTo(SUCCESS);
    assertThat(plan.get(0).request().paymentNo()).isEqualTo("chaos-t1-00001");
  }

  @Test
  void thePlanHasEachPathsShare() {
    List<PlannedPayment> plan = plan(1000);

    Map<PaymentPath, Integer> counted = plan.stream().collect(Collectors.groupingBy(PlannedPayment::path,
        () -> new EnumMap<>(PaymentPath.class), Collectors.summingInt(p -> 1)));
    assertThat(counted).isEqualTo(ChaosPlan.shares(1000));
  }

  @Test
  void theSameSeedGivesTheSamePlanAndAnotherSeedAnotherOrder() {
    List<PlannedPayment> plan = plan(500);

    assertThat(ChaosPlan.of(500, "t1", SEED, SLOW_SECONDS)).isEqualTo(plan);
    List<PlannedPayment> other = ChaosPlan.of(500, "t1", SEED + 1, SLOW_SECONDS);
    assertThat(other.stream().map(PlannedPayment::path).toList())
        .isNotEqualTo(plan.stream().map(PlannedPayment::path).toList());
    assertThat(other.stream().map(p -> p.request().amountMinor()).toList())
        .isNotEqualTo(plan.stream().map(p -> p.request().amountMinor()).toList());
  }

  @Test
  void thePathsAreShuffled() {
    // Unshuffled, the first 600 would all be SUCCESS.
    assertThat(plan(1000).subList(0, 100)).extracting(PlannedPayment::path).contains(DECLINE, FLAKY_CHARGE);
  }

  @Test
  void paymentNumbersAreUniqueSequentialAndCarryTheRunTag() {
    List<PlannedPayment> plan = ChaosPlan.of(1234, "lz8k2q", SEED, SLOW_SECONDS);

    for (int i = 0; i < plan.size(); i++) {
      PlannedPayment payment = plan.get(i);
      assertThat(payment.index()).isEqualTo(i);
      assertThat(payment.request().paymentNo()).isEqualTo(String.format("chaos-lz8k2q-%05d", i + 1));
      assertThat(payment.sagaId()).isEqualTo("payment-" + payment.request().paymentNo());
    }
    assertThat(plan.get(0).request().paymentNo()).isEqualTo("chaos-lz8k2q-00001");
    assertThat(plan.get(1233).request().paymentNo()).isEqualTo("chaos-lz8k2q-01234");
    assertThat(plan).extracting(p -> p.request().paymentNo()).doesNotHaveDuplicates();
  }

  @Test
  void amountsAreBetween1And999YuanAndVary() {
    List<PlannedPayment> plan = plan(1000);

    assertThat(plan).allSatisfy(p -> {
      assertThat(p.request().amountMinor()).isBetween(100L, 99_999L);
      assertThat(p.request().currency()).isEqualTo("CNY");
    });
    assertThat(plan.stream().map(p -> p.request().amountMinor()).distinct().count()).isGreaterThan(900);
  }

  @Test
  void everyRequestIsValid() {
    assertThat(plan(1000)).allSatisfy(p -> {
      PaymentRequest request = p.request();
      assertThat(PaymentRequests.validate(request)).isSameAs(request);
    });
  }

  @Test
  void cardTokensAndMerchantsFollowThePath() {
    List<PlannedPayment> plan = ChaosPlan.of(1000, "t1", SEED, 7);

    assertThat(ofPath(plan, SUCCESS)).allSatisfy(p -> {
      assertThat(p.request().cardToken()).isEqualTo("tok_visa");
      assertThat(p.request().merchantId()).matches("m_chaos_[0-6]");
    });
    assertThat(ofPath(plan, DECLINE)).allSatisfy(p -> {
      assertThat(p.request().cardToken()).isEqualTo("tok_decline");
      assertThat(p.request().merchantId()).matches("m_chaos_[0-6]");
    });
    assertThat(ofPath(plan, FLAKY_CHARGE_EXHAUSTED)).allSatisfy(p -> {
      assertThat(p.request().cardToken()).isEqualTo("tok_flaky_4");
      assertThat(p.request().merchantId()).matches("m_chaos_[0-6]");
    });
    assertThat(ofPath(plan, SLOW_PAST_TIMEOUT)).allSatisfy(p -> {
      assertThat(p.request().cardToken()).isEqualTo("tok_slow_7");
      assertThat(p.request().merchantId()).matches("m_chaos_[0-6]");
    });
    assertThat(ofPath(plan, FROZEN_MERCHANT)).allSatisfy(p -> {
      assertThat(p.request().cardToken()).isEqualTo("tok_visa");
      assertThat(p.request().merchantId()).isEqualTo("m_frozen");
    });
    assertThat(ofPath(plan, REFUND_NEVER_SUCCEEDS)).hasSize(10).allSatisfy(p -> {
      assertThat(p.request().cardToken()).isEqualTo("tok_refund_fail");
      assertThat(p.request().merchantId()).isEqualTo("m_frozen");
    });
  }

  @Test
  void variantsCycleThroughTheFailureCountsInPlanOrder() {
    List<PlannedPayment> plan = plan(1000);

    List<PlannedPayment> flakyCharge = ofPath(plan, FLAKY_CHARGE);
    for (int k = 0; k < flakyCharge.size(); k++) {
      assertThat(flakyCharge.get(k).request().cardToken()).isEqualTo("tok_flaky_" + (1 + k % 3));
      assertThat(flakyCharge.get(k).request().merchantId()).isEqualTo("m_chaos_" + (k % 7));
    }
    List<PlannedPayment> flakyMerchant = ofPath(plan, FLAKY_MERCHANT);
    for (int k = 0; k < flakyMerchant.size(); k++) {
      assertThat(flakyMerchant.get(k).request().cardToken()).isEqualTo("tok_visa");
      assertThat(flakyMerchant.get(k).request().merchantId()).isEqualTo("m_flaky_" + (1 + k % 2));
    }
    List<PlannedPayment> refundRecovers = ofPath(plan, REFUND_RECOVERS);
    for (int k = 0; k < refundRecovers.size(); k++) {
      assertThat(refundRecovers.get(k).request().cardToken()).isEqualTo("tok_refund_flaky_" + (k % 2 == 0 ? 2 : 5));
      assertThat(refundRecovers.get(k).request().merchantId()).isEqualTo("m_frozen");
    }
    assertThat(flakyCharge).extracting(p -> p.request().cardToken())
        .contains("tok_flaky_1", "tok_flaky_2", "tok_flaky_3");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, Integer.MIN_VALUE})
  void rejectsFewerThanOnePayment(int count) {
    assertThatThrownBy(() -> ChaosPlan.of(count, "t1", SEED, SLOW_SECONDS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("payments must be at least 1, was " + count);
  }
}
