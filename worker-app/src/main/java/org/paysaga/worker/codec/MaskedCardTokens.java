package org.paysaga.worker.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.paysaga.payment.CardTokens;

/**
 * What the codec server decodes is for people's eyes (the Temporal UI, {@code temporal workflow
 * show}): every {@code cardToken} in a JSON payload is masked ({@link CardTokens#mask}), so the
 * token never leaves the workers in plaintext. Other payloads pass as they are.
 */
final class MaskedCardTokens {
  static final String FIELD = "cardToken";
  private static final ByteString JSON = ByteString.copyFromUtf8("json/plain");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MaskedCardTokens() {}

  static List<Payload> mask(List<Payload> decoded) {
    return decoded.stream().map(MaskedCardTokens::mask).toList();
  }

  private static Payload mask(Payload payload) {
    if (!JSON.equals(payload.getMetadataOrDefault("encoding", ByteString.EMPTY))) {
      return payload;
    }
    JsonNode tree;
    try {
      tree = MAPPER.readTree(payload.getData().toByteArray());
    } catch (IOException e) {
      return payload; // not JSON after all: nothing of ours
    }
    if (tree == null || !maskIn(tree)) {
      return payload;
    }
    try {
      return payload.toBuilder().setData(ByteString.copyFrom(MAPPER.writeValueAsBytes(tree))).build();
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a JSON tree just read", e);
    }
  }

  /** Masks every {@code cardToken} text below {@code node}; true when it changed one. */
  private static boolean maskIn(JsonNode node) {
    boolean changed = false;
    if (node instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (FIELD.equals(field.getKey()) && field.getValue().isTextual()) {
          object.put(FIELD, CardTokens.mask(field.getValue().asText()));
          changed = true;
        } else {
          changed |= maskIn(field.getValue());
        }
      }
    } else if (node.isArray()) {
      for (JsonNode element : node) {
        changed |= maskIn(element);
      }
    }
    return changed;
  }
}
