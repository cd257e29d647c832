package org.paysaga.providers.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpChannelOptionsTest {

  @Test
  void defaultsAndTrailingSlash() {
    HttpChannelOptions options = HttpChannelOptions.builder().baseUrl("https://psp.example.com/api/").build();
    assertThat(options.baseUrl()).isEqualTo(URI.create("https://psp.example.com/api"));
    assertThat(options.apiKey()).isEmpty();
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.headers()).isEmpty();
  }

  @Test
  void settingsAreKeptAndTheKeyIsNotShown() {
    HttpChannelOptions options = HttpChannelOptions.builder().baseUrl("http://127.0.0.1:9000").apiKey("sk_live_secret")
        .connectTimeout(Duration.ofMillis(300)).requestTimeout(Duration.ofSeconds(4)).header("X-Account", "acct_1")
        .build();
    assertThat(options.apiKey()).contains("sk_live_secret");
    assertThat(options.connectTimeout()).isEqualTo(Duration.ofMillis(300));
    assertThat(options.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
    assertThat(options.headers()).containsEntry("X-Account", "acct_1");
    assertThat(options.toString()).contains("(set)").doesNotContain("sk_live_secret");
    HttpChannelOptions changed = options.toBuilder().apiKey(" ").build();
    assertThat(changed.apiKey()).isEmpty();
    assertThat(changed.toString()).contains("(none)");
    assertThat(changed.headers()).containsEntry("X-Account", "acct_1");
    assertThat(new HttpPaymentChannel(changed).options()).isSameAs(changed);
  }

  @Test
  void errorsNameTheSetting() {
    assertThatThrownBy(() -> HttpChannelOptions.builder().build()).hasMessageContaining("baseUrl is required");
    assertThatThrownBy(() -> HttpChannelOptions.builder().baseUrl(" ")).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> HttpChannelOptions.builder().baseUrl((URI) null)).hasMessageContaining("baseUrl");
    assertThatThrownBy(() -> HttpChannelOptions.builder().baseUrl("ftp://x")).hasMessageContaining("baseUrl must start");
    assertThatThrownBy(() -> HttpChannelOptions.builder().baseUrl("http:/nohost")).hasMessageContaining("no host");
    assertThatThrownBy(() -> HttpChannelOptions.builder().baseUrl("http://h/?q=1")).hasMessageContaining("query");
    assertThatThrownBy(() -> HttpChannelOptions.builder().baseUrl("http://h /x")).hasMessageContaining("not a URL");
    assertThatThrownBy(() -> HttpChannelOptions.builder().apiKey("a b")).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> HttpChannelOptions.builder().connectTimeout(Duration.ZERO))
        .hasMessageContaining("connectTimeout must be positive");
    assertThatThrownBy(() -> HttpChannelOptions.builder().requestTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("requestTimeout must be positive");
    assertThatThrownBy(() -> HttpChannelOptions.builder().requestTimeout(null)).hasMessageContaining("requestTimeout");
    assertThatThrownBy(() -> HttpChannelOptions.builder().header("Authorization", "x")).hasMessageContaining("apiKey");
    assertThatThrownBy(() -> HttpChannelOptions.builder().header("bad name", "x")).hasMessageContaining("header name");
    assertThatThrownBy(() -> HttpChannelOptions.builder().header("X-A", null)).hasMessageContaining("needs a value");
  }

  @Test
  void keysAreRequired() {
    HttpPaymentChannel channel = new HttpPaymentChannel(HttpChannelOptions.builder().baseUrl("http://127.0.0.1:1").build());
    assertThatThrownBy(() -> channel.findCharge(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> channel.charge(null, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
