package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.common.converter.DataConverter;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.paysaga.codec.SagaDataConverter;

/**
 * Cursors and sweep results recorded before they carried the visibility watermark (the
 * sweeper's continue-as-new input, its activity results in histories) still read.
 */
class SweepCursorTest {
  private final DataConverter converter = SagaDataConverter.plaintext();

  @Test
  void aCursorRecordedWithoutTheWatermarkReadsAsUnknown() {
    SweepCursor cursor = read("{\"afterScore\":1700000000000,\"afterSagaId\":\"payment-7\"}", SweepCursor.class);

    assertThat(cursor).isEqualTo(new SweepCursor(1_700_000_000_000L, "payment-7", 0));
  }

  @Test
  void aSweepResultRecordedWithoutTheWatermarkOrTheVisibilityCountReads() {
    SweepResult result = read("{\"examined\":10,\"parked\":[\"payment-1\"],\"finished\":[],"
        + "\"next\":{\"afterScore\":5,\"afterSagaId\":\"payment-9\"}}", SweepResult.class);

    assertThat(result.next()).isEqualTo(new SweepCursor(5, "payment-9", 0));
    assertThat(result.closedNamed()).isZero();
    assertThat(result.parked()).containsExactly("payment-1");
  }

  @Test
  void theWatermarkTravelsThroughThePayload() {
    SweepCursor cursor = new SweepCursor(5, "payment-9", 1_700_000_000_000L);
    Optional<Payloads> payloads = converter.toPayloads(cursor);

    assertThat(converter.fromPayloads(0, payloads, SweepCursor.class, SweepCursor.class)).isEqualTo(cursor);
  }

  private <T> T read(String json, Class<T> type) {
    Payload payload = Payload.newBuilder()
        .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
        .setData(ByteString.copyFromUtf8(json)).build();
    return converter.fromPayloads(0, Optional.of(Payloads.newBuilder().addPayloads(payload).build()), type, type);
  }
}
