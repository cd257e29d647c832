package org.paysaga.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;
import org.paysaga.testing.IsolatedKeyspace;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.testing.TestPayments;

class DlqStoreTest {
  private final RedisCommands<String, String> redis = RedisTestServer.get().commands();
  private final IsolatedKeyspace keys = new IsolatedKeyspace(redis);
  private final DlqStore store = new DlqStore(redis, keys.keyspace());

  @AfterEach
  void dropKeys() {
    keys.close();
  }

  @Test
  void parkingAgainRewritesTheEntryButKeepsTheFirstDlqTime() {
    String sagaId = sagaId();

    assertThat(store.park(entry(sagaId, 1_000L, "recovery gave up", 0))).isTrue();
    assertThat(store.park(entry(sagaId, 9_000L, "recovery gave up again", 1))).isFalse();

    assertThat(store.size()).isEqualTo(1);
    DlqEntry stored = store.get(sagaId).orElseThrow();
    assertThat(stored.reason()).isEqualTo("recovery gave up again");
    assertThat(stored.retries()).isEqualTo(1);
    assertThat(stored.dlqAtMillis()).as("the first DLQ time stays").isEqualTo(1_000L);
    assertThat(store.list(0, 10)).singleElement()
        .satisfies(listed -> assertThat(listed.dlqAtMillis()).isEqualTo(1_000L));
  }

  @Test
  void listsNewestFirstInPages() {
    String oldest = sagaId();
    String middle = sagaId();
    String newest = sagaId();
    store.park(entry(middle, 2_000L, "b", 0));
    store.park(entry(newest, 3_000L, "c", 0));
    store.park(entry(oldest, 1_000L, "a", 0));
    store.park(entry(newest, 4_000L, "c again", 1)); // a re-park does not move it

    assertThat(store.list(0, 2)).extracting(DlqEntry::sagaId).containsExactly(newest, middle);
    assertThat(store.list(2, 2)).extracting(DlqEntry::sagaId).containsExactly(oldest);
    assertThat(store.list(3, 2)).isEmpty();
    assertThatThrownBy(() -> store.list(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.list(0, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anEntryRoundTripsWithItsStepsAndInput() {
    String sagaId = sagaId();
    DlqEntry entry = entry(sagaId, 5_000L, "workflow terminated", 0);

    store.park(entry);

    DlqEntry stored = store.get(sagaId).orElseThrow();
    assertThat(stored).usingRecursiveComparison().ignoringFields("input").isEqualTo(entry);
    // The input is an Object: it comes back as the JSON's map.
    assertThat(stored.input()).isEqualTo(Map.of("paymentNo", "P1", "amountMinor", 1234));
  }

  @Test
  void removeTakesTheEntryAndItsIndexOut() {
    String sagaId = sagaId();
    store.park(entry(sagaId, 1_000L, "x", 0));

    assertThat(store.remove(sagaId)).isTrue();
    assertThat(store.remove(sagaId)).isFalse();
    assertThat(store.get(sagaId)).isEmpty();
    assertThat(store.size()).isZero();
    assertThat(store.list(0, 10)).isEmpty();
  }

  @Test
  void keepsTheNoteOfAResolution() {
    String sagaId = sagaId();

    store.resolution(sagaId, "refunded by hand, OPS-42", 7_000L);

    assertThat(store.resolutionNote(sagaId)).contains("refunded by hand, OPS-42");
    assertThat(store.resolutionNote(sagaId())).isEmpty();
  }

  private static DlqEntry entry(String sagaId, long dlqAt, String reason, int retries) {
    List<StepState> steps = List.of(
        new StepState(PaymentSteps.CREATE_ORDER, StepStatus.SUCCEEDED, 1, PaymentSteps.CANCEL_ORDER,
            StepStatus.SUCCEEDED, 1, null),
        new StepState(PaymentSteps.CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, 1,
            PaymentSteps.REFUND_PAYMENT, StepStatus.FAILED, 4, "RefundFailed: the channel failed"));
    return new DlqEntry(sagaId, sagaId, "run-1", "PaymentSaga", "P1",
        Map.of("currency", "CNY", "amount", "12.34"), reason, List.of("first", reason), steps,
        dlqAt - 500, dlqAt, retries, DlqEntry.SOURCE_RECOVERY, Map.of("paymentNo", "P1", "amountMinor", 1234));
  }

  private static String sagaId() {
    return "payment-" + TestPayments.uniquePaymentNo("dlq");
  }
}
