package org.paysaga.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.paysaga.codec.AesGcmPayloadCodec;
import org.paysaga.codec.Keyring;
import org.paysaga.payment.InvalidPaymentRequestException;
import org.paysaga.payment.Money;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentRequests;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/**
 * The cross-language contracts under {@code contracts/} (the Go client's tests read the same files):
 * request rules, the currencies Java accepts, the JSON of {@code SagaState} as the Java SDK's
 * converter writes it, and the payload encryption both ways. {@code -Dcontracts.write=true}
 * rewrites the Java-made vectors (the saga states, the currencies and the Java ciphertext) from this
 * JVM; the default only checks them.
 */
class ContractVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final Path DIR = Path.of(System.getProperty("contracts.dir", "../contracts"));
  private static final boolean WRITE = Boolean.getBoolean("contracts.write");

  @Test
  void paymentRequestsFollowTheVectors() throws IOException {
    JsonNode vectors = JSON.readTree(DIR.resolve("payment-requests.json").toFile());
    for (JsonNode valid : vectors.get("valid")) {
      PaymentRequest request = parse(valid);
      assertThat(request.amountMinor()).as(valid.get("name").asText()).isEqualTo(valid.get("amountMinor").asLong());
    }
    for (JsonNode invalid : vectors.get("invalid")) {
      String name = invalid.get("name").asText();
      try {
        parse(invalid);
        fail("accepted: " + name);
      } catch (InvalidPaymentRequestException e) {
        assertThat(e.field()).as(name).isEqualTo(invalid.get("field").asText());
      }
    }
  }

  @Test
  void currenciesAreTheJdksIso4217Codes() throws IOException {
    Map<String, Integer> digits = new TreeMap<>();
    for (Currency currency : Currency.getAvailableCurrencies()) {
      if (currency.getDefaultFractionDigits() >= 0 && currency.getCurrencyCode().matches("[A-Z]{3}")) {
        digits.put(currency.getCurrencyCode(), currency.getDefaultFractionDigits());
      }
    }
    Path file = DIR.resolve("currencies.json");
    int jdk = Runtime.version().feature();
    if (WRITE) {
      ObjectNode root = JSON.createObjectNode();
      root.put("comment", "Money.minorDigits accepts exactly these codes (java.util.Currency of the JDK below,"
          + " default fraction digits >= 0), with their minor digits; the Go client's currencies_gen.go holds the same");
      root.put("jdk", jdk);
      root.set("currencies", JSON.valueToTree(digits));
      write(file, root);
    }
    JsonNode root = JSON.readTree(file.toFile());
    Map<String, Integer> recorded = new TreeMap<>();
    root.get("currencies").fields().forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asInt()));
    for (Map.Entry<String, Integer> currency : recorded.entrySet()) {
      assertThat(Money.minorDigits(currency.getKey())).as(currency.getKey()).isEqualTo(currency.getValue());
    }
    if (root.get("jdk").asInt() == jdk) {
      // Another JDK's currency data may differ (ISO 4217 changes): exact on the recording JDK only.
      assertThat(recorded).isEqualTo(digits);
    }
  }

  @Test
  void sagaStatesAreJavasJson() throws IOException {
    for (Map.Entry<String, SagaState> sample : sampleStates().entrySet()) {
      Path file = DIR.resolve("saga-states").resolve(sample.getKey() + ".json");
      String json = DefaultDataConverter.STANDARD_INSTANCE.toPayload(sample.getValue()).orElseThrow()
          .getData().toStringUtf8();
      if (WRITE) {
        write(file, JSON.readTree(json));
      }
      assertThat(JSON.readTree(file.toFile())).as(file.toString()).isEqualTo(JSON.readTree(json));
      Payload recorded = DefaultDataConverter.STANDARD_INSTANCE.toPayload(JSON.readTree(file.toFile())).orElseThrow();
      assertThat(DefaultDataConverter.STANDARD_INSTANCE.fromPayload(recorded, SagaState.class, SagaState.class))
          .isEqualTo(sample.getValue());
    }
  }

  @Test
  void codecVectorsDecryptBothWays() throws IOException {
    Path file = DIR.resolve("codec.json");
    ObjectNode vector = (ObjectNode) JSON.readTree(file.toFile());
    Keyring keyring = Keyring.parse(vector.get("keys").asText(), "contracts/codec.json");
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(keyring);
    if (WRITE) {
      Payload made = DefaultDataConverter.STANDARD_INSTANCE.toPayload(
          new PaymentRequest("P-contract-1", "m_shop", 1234, "CNY", "tok_visa")).orElseThrow();
      vector.put("plaintext", Base64.getEncoder().encodeToString(made.toByteArray()));
      vector.put("plaintextData", made.getData().toStringUtf8());
    }
    Payload plaintext = Payload.parseFrom(Base64.getDecoder().decode(vector.get("plaintext").asText()));
    assertThat(plaintext.getData().toStringUtf8()).isEqualTo(vector.get("plaintextData").asText());
    if (WRITE) {
      Payload sealed = codec.encode(List.of(plaintext)).get(0);
      vector.put("javaCiphertext", Base64.getEncoder().encodeToString(sealed.toByteArray()));
      write(file, vector);
    }
    List<String> checked = new ArrayList<>();
    for (String name : List.of("javaCiphertext", "goCiphertext")) {
      JsonNode sealedText = vector.get(name);
      if (sealedText == null || sealedText.asText().isEmpty()) {
        fail("contracts/codec.json has no " + name);
      }
      Payload sealed = Payload.parseFrom(Base64.getDecoder().decode(sealedText.asText()));
      assertThat(sealed.getMetadataOrThrow("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
      assertThat(sealed.getMetadataOrThrow("encryption-cipher").toStringUtf8()).isEqualTo("AES256-GCM");
      assertThat(sealed.getMetadataOrThrow("encryption-key-id").toStringUtf8())
          .isEqualTo(vector.get("encryptingKeyId").asText());
      assertThat(codec.decode(List.of(sealed)).get(0)).as(name).isEqualTo(plaintext);
      checked.add(name);
    }
    assertThat(checked).containsExactly("javaCiphertext", "goCiphertext");
    PaymentRequest decoded = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(plaintext, PaymentRequest.class,
        PaymentRequest.class);
    assertThat(decoded.paymentNo()).isEqualTo("P-contract-1");
  }

  private static PaymentRequest parse(JsonNode c) {
    return PaymentRequests.parse(text(c, "paymentNo"), text(c, "merchantId"), text(c, "amount"), text(c, "currency"),
        text(c, "cardToken"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static void write(Path file, JsonNode node) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, JSON.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
  }

  /** One state per shape a reader meets: open, each final status, and one Temporal ended. */
  static Map<String, SagaState> sampleStates() {
    long t0 = 1764686400000L;
    Map<String, SagaState> states = new TreeMap<>();
    states.put("running", new SagaState("payment-P1001", "PaymentSaga", "P1001", SagaStatus.RUNNING, List.of(
        new StepState("CreateOrder", StepStatus.SUCCEEDED, 1, "CancelOrder", StepStatus.NOT_REQUIRED, 0, null),
        new StepState("CallPaymentChannel", StepStatus.RUNNING, 2, "RefundPayment", StepStatus.NOT_REQUIRED, 0,
            "channel unavailable (attempt 1)"),
        StepState.pending("CreditMerchant", "ReverseMerchantCredit"),
        StepState.pending("CompleteOrder", null)), null, null, t0, t0 + 2100));
    states.put("completed", new SagaState("payment-P1002", "PaymentSaga", "P1002", SagaStatus.COMPLETED, List.of(
        new StepState("CreateOrder", StepStatus.SUCCEEDED, 1, "CancelOrder", StepStatus.NOT_REQUIRED, 0, null),
        new StepState("CallPaymentChannel", StepStatus.SUCCEEDED, 3, "RefundPayment", StepStatus.NOT_REQUIRED, 0,
            "channel unavailable (attempt 2)"),
        new StepState("CreditMerchant", StepStatus.SUCCEEDED, 1, "ReverseMerchantCredit", StepStatus.NOT_REQUIRED, 0,
            null),
        new StepState("CompleteOrder", StepStatus.SUCCEEDED, 1, null, StepStatus.NOT_REQUIRED, 0, null)),
        null, null, t0, t0 + 6400));
    states.put("compensated", new SagaState("payment-P1003", "PaymentSaga", "P1003", SagaStatus.COMPENSATED, List.of(
        new StepState("CreateOrder", StepStatus.SUCCEEDED, 1, "CancelOrder", StepStatus.SUCCEEDED, 1, null),
        new StepState("CallPaymentChannel", StepStatus.FAILED, 1, "RefundPayment", StepStatus.SUCCEEDED, 1,
            "CardDeclined: the card was declined"),
        StepState.pending("CreditMerchant", "ReverseMerchantCredit"),
        StepState.pending("CompleteOrder", null)), "CallPaymentChannel: CardDeclined: the card was declined", null,
        t0, t0 + 900));
    states.put("dlq", new SagaState("payment-P1004", "PaymentSaga", "P1004", SagaStatus.DLQ, List.of(
        new StepState("CreateOrder", StepStatus.SUCCEEDED, 1, "CancelOrder", StepStatus.PENDING, 0, null),
        new StepState("CallPaymentChannel", StepStatus.SUCCEEDED, 1, "RefundPayment", StepStatus.FAILED, 4,
            "refund unavailable"),
        new StepState("CreditMerchant", StepStatus.FAILED, 1, "ReverseMerchantCredit", StepStatus.NOT_REQUIRED, 0,
            "MerchantFrozen: merchant m_frozen is frozen"),
        StepState.pending("CompleteOrder", null)), "CreditMerchant: MerchantFrozen: merchant m_frozen is frozen", null,
        t0, t0 + 20000));
    states.put("resolved", new SagaState("refund-R7", "RefundSaga", "R7", SagaStatus.RESOLVED, List.of(
        new StepState("DebitMerchant", StepStatus.SUCCEEDED, 1, "CreditMerchantBack", StepStatus.FAILED, 4,
            "ledger unavailable")), "RefundCard: refused", "refunded by hand, ticket 42", t0, t0 + 86400000L));
    states.put("failed-by-temporal", new SagaState("payment-P1005", "PaymentSaga", null, SagaStatus.FAILED, List.of(),
        "workflow terminated: operator stopped it", null, t0, t0 + 5000));
    return states;
  }

}
