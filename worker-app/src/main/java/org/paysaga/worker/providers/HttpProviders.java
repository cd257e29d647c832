package org.paysaga.worker.providers;

import org.paysaga.providers.http.HttpChannelOptions;
import org.paysaga.providers.http.HttpPaymentChannel;

/** The HTTP channel from {@code saga.providers.http.*}: settings left out keep the adapter's defaults. */
final class HttpProviders {
  private HttpProviders() {}

  static HttpPaymentChannel channel(ProvidersProperties.Http properties) {
    try {
      HttpChannelOptions.Builder options = HttpChannelOptions.builder().baseUrl(properties.baseUrl());
      if (properties.apiKey() != null) {
        options.apiKey(properties.apiKey());
      }
      if (properties.connectTimeout() != null) {
        options.connectTimeout(properties.connectTimeout());
      }
      if (properties.requestTimeout() != null) {
        options.requestTimeout(properties.requestTimeout());
      }
      return new HttpPaymentChannel(options.build());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("saga.providers.http: " + e.getMessage(), e);
    }
  }
}
