package org.paysaga.dlq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.lettuce.core.api.sync.RedisCommands;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentRequest;
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
  private static final Map<String, Object> INPUT = Map.of("paymentNo", "P1", "amountMinor", 1234,
      "cardToken", "tok_refund_fail");

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
    assertThat(stored).usingRecursiveComparison().ignoringFields("input", "inputPayload", "inputView")
        .isEqualTo(entry);
    // Stored as the converter's payload, never as plain input; a retry decodes it (as the JSON's map).
    assertThat(stored.input()).isNull();
    assertThat(stored.inputPayload()).isNotBlank();
    assertThat(DlqStore.retryInput(stored, DataConverter.getDefaultInstance())).isEqualTo(INPUT);
    assertThat(stored.inputView()).isEqualTo(Map.of("paymentNo", "P1", "amountMinor", 1234, "cardToken", "tok_…fail"));
    assertThat(stored.toString()).doesNotContain("tok_refund_fail");
  }

  @Test
  void redisHoldsNoPlainCardToken() {
    String sagaId = sagaId();
    store.park(entry(sagaId, 5_000L, "workflow terminated", 0));
    store.park(new DlqEntry(sagaId(), "w", "r", "PaymentSaga", "P2", Map.of(), "x", List.of(), List.of(), 1, 2, 0,
        DlqEntry.SOURCE_SWEEPER, new PaymentRequest("P2", "m1", 100, "CNY", "tok_refund_fail")));

    assertThat(redis.hgetall(keys.keyspace().dlqEntries()).values()).hasSize(2)
        .allSatisfy(json -> assertThat(json).doesNotContain("tok_refund_fail").contains("tok_…fail"));
  }

  @Test
  void theInputIsStoredAsTheConvertersPayloadSoItsCodecApplies() {
    DataConverter scrambling = new CodecDataConverter(DataConverter.getDefaultInstance(), List.of(new Reversing()));
    DlqStore withCodec = new DlqStore(redis, keys.keyspace(), scrambling);
    String sagaId = sagaId();

    withCodec.park(entry(sagaId, 5_000L, "workflow terminated", 0));

    DlqEntry stored = store.get(sagaId).orElseThrow();
    Payload payload = payloadOf(stored);
    assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("test/reversed");
    assertThat(payload.getData().toStringUtf8()).doesNotContain("tok_refund_fail");
    assertThat(DlqStore.retryInput(stored, scrambling)).isEqualTo(INPUT);
  }

  @Test
  void anEntryWrittenWithItsInputInPlainJsonStaysReadableWithAMaskedView() throws Exception {
    // As entries were written before the input was encoded: "input" is the plain JSON object.
    String sagaId = sagaId();
    ObjectNode old = new ObjectMapper().valueToTree(entry(sagaId, 5_000L, "old entry", 0));
    old.remove(List.of("inputPayload", "inputView"));
    redis.hset(keys.keyspace().dlqEntries(), sagaId, old.toString());
    redis.zadd(keys.keyspace().dlqIndex(), 5_000, sagaId);

    DlqEntry read = store.get(sagaId).orElseThrow();

    assertThat(read.reason()).isEqualTo("old entry");
    assertThat(read.inputPayload()).isNull();
    assertThat(DlqStore.retryInput(read, DataConverter.getDefaultInstance())).isEqualTo(INPUT);
    assertThat(read.inputView()).isEqualTo(Map.of("paymentNo", "P1", "amountMinor", 1234, "cardToken", "tok_…fail"));
    assertThat(store.list(0, 10)).extracting(DlqEntry::sagaId).containsExactly(sagaId);
  }

  @Test
  void anUnreadableEntrySaysSoWithoutRepeatingIt() {
    String sagaId = sagaId();
    redis.hset(keys.keyspace().dlqEntries(), sagaId, "{\"sagaId\":\"x\",\"input\":{\"cardToken\":\"tok_secret_123\"");
    redis.zadd(keys.keyspace().dlqIndex(), 5_000, sagaId);

    assertThatThrownBy(() -> store.get(sagaId)).hasMessageStartingWith("unreadable DLQ entry")
        .hasMessageNotContaining("tok_secret_123");
  }

  private static Payload payloadOf(DlqEntry entry) {
    try {
      return parse(entry);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static Payload parse(DlqEntry entry) throws com.google.protobuf.InvalidProtocolBufferException {
    return Payload.parseFrom(java.util.Base64.getDecoder().decode(entry.inputPayload()));
  }

  /** A stand-in for the encrypting codec: the data reversed, under an encoding of its own. */
  private static final class Reversing implements PayloadCodec {
    @Override
    public List<Payload> encode(List<Payload> payloads) {
      return payloads.stream().map(p -> Payload.newBuilder()
          .putMetadata("encoding", ByteString.copyFromUtf8("test/reversed"))
          .setData(ByteString.copyFrom(reversed(p.toByteArray()))).build()).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
      return payloads.stream().map(p -> {
        try {
          return Payload.parseFrom(reversed(p.getData().toByteArray()));
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          throw new IllegalStateException(e);
        }
      }).toList();
    }

    private static byte[] reversed(byte[] bytes) {
      byte[] out = new byte[bytes.length];
      for (int i = 0; i < bytes.length; i++) {
        out[i] = bytes[bytes.length - 1 - i];
      }
      return out;
    }
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
        dlqAt - 500, dlqAt, retries, DlqEntry.SOURCE_RECOVERY, INPUT);
  }

  private static String sagaId() {
    return "payment-" + TestPayments.uniquePaymentNo("dlq");
  }
}
