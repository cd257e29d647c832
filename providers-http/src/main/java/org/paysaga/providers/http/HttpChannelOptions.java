package org.paysaga.providers.http;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How {@link HttpPaymentChannel} reaches the provider: its base URL, its API key (sent as
 * {@code Authorization: Bearer <key>}), the connect timeout (default 2 s: past it nothing was
 * sent, the call is retried) and the request timeout (default 10 s: past it the outcome is
 * unknown). Immutable; built by {@link #builder()}, which names the setting it refuses.
 */
public final class HttpChannelOptions {
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final URI baseUrl;
  private final String apiKey;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final Map<String, String> headers;

  private HttpChannelOptions(Builder builder) {
    this.baseUrl = builder.baseUrl;
    this.apiKey = builder.apiKey;
    this.connectTimeout = builder.connectTimeout;
    this.requestTimeout = builder.requestTimeout;
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some. */
  public Builder toBuilder() {
    Builder builder = new Builder();
    builder.baseUrl = baseUrl;
    builder.apiKey = apiKey;
    builder.connectTimeout = connectTimeout;
    builder.requestTimeout = requestTimeout;
    builder.headers.putAll(headers);
    return builder;
  }

  /** The provider's base URL, without a trailing slash: {@code /v1/charges} is resolved against it. */
  public URI baseUrl() {
    return baseUrl;
  }

  public Optional<String> apiKey() {
    return Optional.ofNullable(apiKey);
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** Extra headers sent with every request (a provider's account or version header). */
  public Map<String, String> headers() {
    return headers;
  }

  @Override
  public String toString() {
    // The API key is a secret: only whether there is one.
    return "HttpChannelOptions[baseUrl=" + baseUrl + ", apiKey=" + (apiKey != null ? "(set)" : "(none)")
        + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", headers="
        + headers.keySet() + "]";
  }

  /** Collects the settings; {@link #build()} checks them. */
  public static final class Builder {
    private URI baseUrl;
    private String apiKey;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder() {}

    /** Required: {@code http://} or {@code https://}, with a host. */
    public Builder baseUrl(String baseUrl) {
      if (baseUrl == null || baseUrl.isBlank()) {
        throw new IllegalArgumentException("baseUrl is required");
      }
      URI uri;
      try {
        uri = URI.create(baseUrl.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("baseUrl is not a URL: " + baseUrl, e);
      }
      return baseUrl(uri);
    }

    public Builder baseUrl(URI baseUrl) {
      if (baseUrl == null) {
        throw new IllegalArgumentException("baseUrl is required");
      }
      String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("baseUrl must start with http:// or https://, not " + baseUrl);
      }
      if (baseUrl.getHost() == null) {
        throw new IllegalArgumentException("baseUrl has no host: " + baseUrl);
      }
      if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
        throw new IllegalArgumentException("baseUrl must not have a query or a fragment: " + baseUrl);
      }
      String text = baseUrl.toString();
      this.baseUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      return this;
    }

    /** Optional; null or blank: no Authorization header. */
    public Builder apiKey(String apiKey) {
      if (apiKey == null || apiKey.isBlank()) {
        this.apiKey = null;
        return this;
      }
      if (apiKey.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
        throw new IllegalArgumentException("apiKey must be printable ASCII without spaces");
      }
      this.apiKey = apiKey;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive("connectTimeout", connectTimeout);
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive("requestTimeout", requestTimeout);
      return this;
    }

    /** A header sent with every request; not {@code Authorization} or {@code Idempotency-Key} (set by the channel). */
    public Builder header(String name, String value) {
      if (name == null || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        throw new IllegalArgumentException("header name is not a token: " + name);
      }
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.equals("authorization") || lower.equals("idempotency-key") || lower.equals("content-type")) {
        throw new IllegalArgumentException("header " + name + " is set by the channel (use apiKey for Authorization)");
      }
      if (value == null) {
        throw new IllegalArgumentException("header " + name + " needs a value");
      }
      headers.put(name, value);
      return this;
    }

    public HttpChannelOptions build() {
      if (baseUrl == null) {
        throw new IllegalArgumentException("baseUrl is required");
      }
      return new HttpChannelOptions(this);
    }

    private static Duration positive(String setting, Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(setting + " must be positive, not " + value);
      }
      return value;
    }
  }
}
