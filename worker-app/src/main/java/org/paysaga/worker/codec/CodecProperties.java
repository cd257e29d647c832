package org.paysaga.worker.codec;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.paysaga.codec.PayloadKeySettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payload encryption and the codec server ({@code saga.codec.*}, docs/worker-app.md "Payload
 * encryption"). Encryption is on unless turned off; with it on, the app does not start without a key.
 *
 * @param enabled false: payloads in plaintext ({@code SAGA_CODEC_ENABLED=false})
 * @param keyFile the key file ({@code SAGA_CODEC_KEYFILE}): {@code <key-id>:<base64>} lines, the last encrypts
 * @param keys the key lines themselves ({@code SAGA_CODEC_KEYS}), comma-separated
 * @param server the codec server for the Temporal UI and the temporal CLI
 */
@ConfigurationProperties("saga.codec")
public record CodecProperties(
    @DefaultValue("true") boolean enabled, Path keyFile, String keys, @DefaultValue Server server) {

  static final PayloadKeySettings.Names NAMES = new PayloadKeySettings.Names(
      "saga.codec.enabled=false (SAGA_CODEC_ENABLED=false)", "saga.codec.key-file (SAGA_CODEC_KEYFILE)",
      "saga.codec.keys (SAGA_CODEC_KEYS)");

  public PayloadKeySettings keySettings() {
    return new PayloadKeySettings(enabled, keyFile, keys);
  }

  /**
   * @param enabled serve {@code /codec/encode} and {@code /codec/decode} on the app's port when
   *     encryption is on ({@code SAGA_CODEC_SERVER_ENABLED}, default true); it needs an operator
   *     access token ({@code saga.access-tokens}), shown as {@code Authorization: Bearer <token>} or,
   *     for the Temporal UI, which sends no header of ours, as the endpoint's last path segment
   *     ({@code /codec/<token>})
   * @param allowedOrigins the browser origins of the Temporal UI (CORS); unset: the origin of
   *     {@code saga.temporal-ui-url} ({@code SAGA_CODEC_SERVER_ALLOWEDORIGINS})
   */
  public record Server(@DefaultValue("true") boolean enabled, List<URI> allowedOrigins) {
    public Server {
      allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    }
  }
}
