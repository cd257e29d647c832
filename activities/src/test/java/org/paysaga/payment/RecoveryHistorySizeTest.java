package org.paysaga.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.ports.OrderService;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentServices;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.SagaStatus;
import org.paysaga.testing.TestPayments;

/**
 * How big the history of a saga in recovery gets with the default settings: a refund (or, past the
 * pivot, CompleteOrder) that never works is retried every 5 min for 3 days before the saga parks
 * in the DLQ. Measured: about 9,140 events and 2.5 MB, near Temporal's warning at 10,240 events,
 * far from its limits (51,200 events, 50 MB, where it terminates the workflow). The events each
 * round adds are pinned here: one more per round must fail this test.
 */
class RecoveryHistorySizeTest {
  private static final int WARNING_EVENTS = SagaSettings.HISTORY_WARNING_EVENTS;
  private static final long LIMIT_BYTES = 50L * 1024 * 1024;
  private static final SagaSettings SETTINGS = SagaSettings.DEFAULTS;
  /**
   * A round takes the interval plus the 2 + 4 + 8 s between the four attempts of its activity, so
   * the window holds 826 rounds (the last one pulled in to the window's end), not 3 d / 5 min = 864.
   */
  private static final Duration ROUND = SETTINGS.recoveryInterval().plus(SagaActivityOptions.retryWaits());
  private static final long ROUNDS = SETTINGS.recoveryRounds();
  /** The least a round of a timer and an activity can record (SagaSettings says which). */
  private static final int EVENTS_PER_ROUND = SagaSettings.EVENTS_PER_RECOVERY_ROUND;

  private PaymentSagaTestRig rig;

  @AfterEach
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void aRefundThatNeverWorksRecoversForThreeDaysWellBelowTheHistoryLimits() {
    rig = PaymentSagaTestRig.withSettings(SETTINGS);
    recoverUntilTheDlq(TestPayments.payment(SandboxMagicValues.CARD_REFUND_FAILS, SandboxMagicValues.MERCHANT_FROZEN));
  }

  /** Past the pivot the saga retries CompleteOrder forward: no magic value fails it, so a port does. */
  @Test
  void aCompletionThatNeverWorksRecoversForThreeDaysWellBelowTheHistoryLimits() {
    rig = new PaymentSagaTestRig(Map.of(), true, SETTINGS, RecoveryHistorySizeTest::ordersNeverComplete);
    recoverUntilTheDlq(TestPayments.withCard(SandboxMagicValues.CARD_OK));
  }

  private void recoverUntilTheDlq(PaymentRequest request) {
    rig.payments.start(request);
    // An hour at a time: a query a minute over 3 days would cost more than the saga itself.
    rig.awaitStatus(request.sagaId(), SagaStatus.DLQ, SETTINGS.giveUpAfter().plusHours(2), Duration.ofHours(1));

    History history = rig.client.fetchHistory(request.sagaId()).getHistory();
    List<HistoryEvent> events = history.getEventsList();
    List<List<HistoryEvent>> rounds = rounds(events);
    long bytes = history.getSerializedSize();
    System.out.printf("recovery history: %d rounds, %d events, %d bytes (a round: %d bytes, %s)%n", rounds.size(),
        events.size(), bytes, rounds.get(1).stream().mapToLong(HistoryEvent::getSerializedSize).sum(),
        typesOf(rounds.get(1)));

    assertThat(rounds.size()).as("recovery rounds").isEqualTo((int) ROUNDS);
    // Every round but the last (which goes on to park the saga) adds the same events.
    for (List<HistoryEvent> round : rounds.subList(0, rounds.size() - 1)) {
      assertThat(round).as("events of a recovery round: %s", typesOf(round)).hasSize(EVENTS_PER_ROUND);
    }
    assertThat(events.size()).as("events at %d rounds", ROUNDS)
        .isLessThan((int) SETTINGS.recoveryHistoryEvents())
        .isLessThan(WARNING_EVENTS);
    assertThat(bytes).as("history bytes").isLessThan(LIMIT_BYTES / 10);
  }

  private static PaymentServices ordersNeverComplete(PaymentServices sandbox) {
    OrderService orders = sandbox.orders();
    OrderService failing = new OrderService() {
      @Override
      public String create(String idempotencyKey, Payment payment) {
        return orders.create(idempotencyKey, payment);
      }

      @Override
      public Optional<String> cancel(String idempotencyKey, String createKey, Payment payment) {
        return orders.cancel(idempotencyKey, createKey, payment);
      }

      @Override
      public String complete(String idempotencyKey, String createKey, Payment payment) {
        throw new ServiceUnavailableException("the order service is down");
      }
    };
    return new PaymentServices(failing, sandbox.channel(), sandbox.ledger());
  }

  /** The events from each recovery timer to the next (the last round runs to the end). */
  private static List<List<HistoryEvent>> rounds(List<HistoryEvent> events) {
    List<List<HistoryEvent>> rounds = new ArrayList<>();
    for (HistoryEvent event : events) {
      if (event.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED) {
        rounds.add(new ArrayList<>());
      }
      if (!rounds.isEmpty()) {
        rounds.get(rounds.size() - 1).add(event);
      }
    }
    return rounds;
  }

  private static Map<String, Long> typesOf(List<HistoryEvent> round) {
    return round.stream().collect(Collectors.groupingBy(
        e -> e.getEventType().name().replace("EVENT_TYPE_", ""), TreeMap::new, Collectors.counting()));
  }
}
