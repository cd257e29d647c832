package org.paysaga.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import org.paysaga.payment.CardTokens;

/**
 * A saga's input in its DLQ entry: kept as the Temporal client's data converter encodes it (so the
 * workers' payload codec, encryption included, applies to it as to the history), and shown to
 * people only as a view with the card token masked.
 */
final class DlqInputs {
  private DlqInputs() {}

  /** Base64 of the input's {@code Payload} protobuf, as {@code converter} makes it. */
  static String encode(DataConverter converter, Object input) {
    Payload payload = converter.toPayload(input)
        .orElseThrow(() -> new IllegalArgumentException("the data converter made no payload of the input"));
    return Base64.getEncoder().encodeToString(payload.toByteArray());
  }

  /** The input an {@link #encode} made, as a plain JSON value (maps, lists, strings, numbers). */
  static Object decode(DataConverter converter, String encoded) {
    try {
      Payload payload = Payload.parseFrom(Base64.getDecoder().decode(encoded));
      return converter.fromPayload(payload, Object.class, Object.class);
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      throw new IllegalStateException("unreadable input payload of a DLQ entry", e);
    }
  }

  /**
   * The input's fields for display: every field named like a token ({@code cardToken}...) and every
   * value shaped like a card number masked with {@link CardTokens#mask}.
   */
  static Object view(ObjectMapper json, Object input) {
    if (input == null) {
      return null;
    }
    JsonNode tree = json.valueToTree(input);
    return json.convertValue(masked(tree, null), Object.class);
  }

  private static JsonNode masked(JsonNode node, String name) {
    if (node.isObject()) {
      ObjectNode copy = ((ObjectNode) node).objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        copy.set(field.getKey(), masked(field.getValue(), field.getKey()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = ((ArrayNode) node).arrayNode();
      node.forEach(element -> copy.add(masked(element, name)));
      return copy;
    }
    if (node.isTextual() && (tokenField(name) || CardTokens.isPanShaped(node.asText()))) {
      return TextNode.valueOf(CardTokens.mask(node.asText()));
    }
    return node;
  }

  private static boolean tokenField(String name) {
    return name != null && name.toLowerCase(java.util.Locale.ROOT).endsWith("token");
  }
}
