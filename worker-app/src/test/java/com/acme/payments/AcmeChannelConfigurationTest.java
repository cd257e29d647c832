package com.acme.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.sandbox.SandboxOrders;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.PaymentServices;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.wiring.SagaWorkerOptions;
import org.paysaga.worker.providers.ProvidersAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The README's payment provider example, in a package of a user's own: their channel bean replaces the picked adapter, and maps Acme's answers. */
class AcmeChannelConfigurationTest {
  private static final Payment PAYMENT = new Payment("P1", "m_shop", 1234, "CNY", "tok_visa");

  /** Acme's client as the example sees it: answers by the card token, fails as a network does. */
  private final AcmeClient acme = new AcmeClient() {
    @Override
    public Reply charge(String key, String cardToken, long amountMinor, String currency) throws IOException {
      return switch (cardToken) {
        case "tok_decline" -> new Reply(null, "card_declined");
        case "tok_timeout" -> throw new SocketTimeoutException("read timed out");
        case "tok_down" -> throw new IOException("connection refused");
        default -> new Reply("ch_" + key.hashCode(), null);
      };
    }

    @Override
    public Reply refund(String key, String chargeKey, long amountMinor) {
      return chargeKey.startsWith("none") ? new Reply(null, "not_found") : new Reply("re_" + key.hashCode(), null);
    }

    @Override
    public Reply findCharge(String key) {
      return key.startsWith("none") ? null : new Reply("ch_" + key.hashCode(), null);
    }
  };

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(ProvidersAutoConfiguration.class))
      .withUserConfiguration(AcmeChannelConfiguration.class)
      .withBean(AcmeClient.class, () -> acme)
      .withBean(SagaWorkerOptions.class, SagaWorkerOptions::create)
      .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
      .withBean(RedisClusterCommands.class, () -> RedisTestServer.get().commands());

  @Test
  void theUsersChannelReplacesThePickedOneAndTheOtherPortsKeepTheirs() {
    runner.withPropertyValues("saga.providers.channel=sandbox").run(context -> {
      PaymentServices services = context.getBean(PaymentServices.class);
      assertThat(services.channel()).isSameAs(context.getBean(PaymentChannel.class));
      assertThat(services.channel().getClass().getName()).contains("AcmeChannelConfiguration");
      assertThat(services.orders()).isInstanceOf(SandboxOrders.class);
    });
  }

  @Test
  void acmesAnswersBecomeThePortsOutcomes() {
    runner.run(context -> {
      PaymentChannel channel = context.getBean(PaymentChannel.class);
      assertThat(channel.charge("payment-P1:CallPaymentChannel", PAYMENT)).startsWith("ch_");
      assertThatThrownBy(() -> channel.charge("k", withCard("tok_decline")))
          .isInstanceOfSatisfying(ServiceRefusedException.class, e -> assertThat(e.reason()).isEqualTo("CardDeclined"));
      assertThatThrownBy(() -> channel.charge("k", withCard("tok_timeout"))).isInstanceOf(OutcomeUnknownException.class);
      assertThatThrownBy(() -> channel.charge("k", withCard("tok_down"))).isInstanceOf(ServiceUnavailableException.class);
      assertThat(channel.refund("r", "none:CallPaymentChannel", 1, PAYMENT)).isEmpty();
      assertThat(channel.refund("r", "payment-P1:CallPaymentChannel", 1, PAYMENT)).get().asString().startsWith("re_");
      assertThat(channel.findCharge("none")).isEqualTo(Optional.empty());
    });
  }

  @Test
  void theReadmeShowsTheExampleThatIsTested() throws IOException {
    String source = Files.readString(Path.of("src/test/java/com/acme/payments/AcmeChannelConfiguration.java"));
    String example = normalized(source.substring(source.indexOf('\n', source.indexOf("// provider-example:start")) + 1,
        source.indexOf("// provider-example:end")));
    assertThat(normalized(Files.readString(Path.of("../README.md")))).contains(example);
  }

  private static Payment withCard(String token) {
    return new Payment("P1", "m_shop", 1234, "CNY", token);
  }

  private static String normalized(String text) {
    return text.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
  }
}
