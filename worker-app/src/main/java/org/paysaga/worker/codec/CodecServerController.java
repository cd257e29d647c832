package org.paysaga.worker.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import io.temporal.api.common.v1.Payload;
import java.util.List;
import java.util.function.UnaryOperator;
import org.paysaga.codec.AesGcmPayloadCodec;
import org.paysaga.worker.access.AccessTokens;
import org.paysaga.worker.codec.CodecConfiguration.PayloadKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec endpoints for the Temporal UI and {@code temporal --codec-endpoint}:
 * {@code POST /codec/encode} and {@code /codec/decode} take and give {@code {"payloads": [...]}} in
 * protobuf JSON. The caller shows an access token as {@code Authorization: Bearer <token>}, or, as
 * the UI cannot add a header, as the endpoint's last path segment: {@code /codec/<token>/decode}.
 * What it decodes is shown to people: card tokens come out masked.
 *
 * <p>Found by the component scan, so the condition sits here: with encryption or the codec server
 * off there is no controller (and {@code /codec} answers 404). A {@code @Bean} method alone does not
 * do: the scan would still register this class.
 */
@RestController
@ConditionalOnExpression(CodecServerController.ENABLED)
public class CodecServerController {
  public static final String PATH = "/codec";
  /** On when encryption and the codec server both are (each by default). */
  static final String ENABLED = "${saga.codec.enabled:true} and ${saga.codec.server.enabled:true}";
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

  private final PayloadCodec codec;
  private final AccessTokens tokens;

  CodecServerController(PayloadKeys keys, AccessTokens tokens) {
    if (tokens.isEmpty()) {
      throw new IllegalStateException("the codec server needs an operator access token: set saga.access-tokens"
          + " (SAGA_ACCESSTOKENS), or turn the codec server off with saga.codec.server.enabled=false");
    }
    this.codec = new AesGcmPayloadCodec(keys.keyring().orElseThrow());
    this.tokens = tokens;
  }

  @PostMapping(path = PATH + "/encode", consumes = MediaType.ALL_VALUE)
  ResponseEntity<String> encode(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody String body) {
    return answer(AccessTokens.bearer(authorization), body, codec::encode);
  }

  @PostMapping(path = PATH + "/decode", consumes = MediaType.ALL_VALUE)
  ResponseEntity<String> decode(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody String body) {
    return answer(AccessTokens.bearer(authorization), body, this::decodeForPeople);
  }

  @PostMapping(path = PATH + "/{token}/encode", consumes = MediaType.ALL_VALUE)
  ResponseEntity<String> encodeWithPathToken(@PathVariable String token, @RequestBody String body) {
    return answer(token, body, codec::encode);
  }

  @PostMapping(path = PATH + "/{token}/decode", consumes = MediaType.ALL_VALUE)
  ResponseEntity<String> decodeWithPathToken(@PathVariable String token, @RequestBody String body) {
    return answer(token, body, this::decodeForPeople);
  }

  /** Decoded for display: card tokens masked ({@link MaskedCardTokens}). */
  private List<Payload> decodeForPeople(List<Payload> payloads) {
    return MaskedCardTokens.mask(codec.decode(payloads));
  }

  private ResponseEntity<String> answer(String token, String body,
      UnaryOperator<List<Payload>> operation) {
    if (!tokens.accepts(token)) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
          .contentType(MediaType.TEXT_PLAIN).body("an operator access token is required (saga.access-tokens)\n");
    }
    Payloads.Builder request = Payloads.newBuilder();
    try {
      PARSER.merge(body, request);
    } catch (InvalidProtocolBufferException e) {
      return error(HttpStatus.BAD_REQUEST, "the body is not {\"payloads\": [...]} in protobuf JSON: " + e.getMessage());
    }
    try {
      Payloads result = Payloads.newBuilder().addAllPayloads(operation.apply(request.getPayloadsList())).build();
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(PRINTER.print(result));
    } catch (PayloadCodecException e) {
      return error(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("cannot print payloads", e);
    }
  }

  private static ResponseEntity<String> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message + "\n");
  }
}
