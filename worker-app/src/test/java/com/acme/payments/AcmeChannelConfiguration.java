package com.acme.payments;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import org.paysaga.ports.OutcomeUnknownException;
import org.paysaga.ports.Payment;
import org.paysaga.ports.PaymentChannel;
import org.paysaga.ports.Refusals;
import org.paysaga.ports.ServiceRefusedException;
import org.paysaga.ports.ServiceUnavailableException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The README's "Plug in your payment provider" example, compiled and tested (AcmeChannelConfigurationTest). */
// provider-example:start
@Configuration(proxyBeanMethods = false)
public class AcmeChannelConfiguration {
  /** A bean of a port type replaces the adapter saga.providers.channel would pick. */
  @Bean
  PaymentChannel acmeChannel(AcmeClient acme) {
    return new PaymentChannel() {
      @Override
      public String charge(String key, Payment payment) {
        AcmeClient.Reply reply = call(() -> acme.charge(key, payment.cardToken(), payment.amountMinor(),
            payment.currency()));
        if ("card_declined".equals(reply.error())) {
          throw new ServiceRefusedException(Refusals.CARD_DECLINED, "Acme declined the card");
        }
        return reply.id();
      }

      @Override
      public Optional<String> refund(String key, String chargeKey, long amountMinor, Payment payment) {
        AcmeClient.Reply reply = call(() -> acme.refund(key, chargeKey, amountMinor));
        return "not_found".equals(reply.error()) ? Optional.empty() : Optional.of(reply.id());
      }

      @Override
      public Optional<String> findCharge(String chargeKey) {
        return Optional.ofNullable(call(() -> acme.findCharge(chargeKey))).map(AcmeClient.Reply::id);
      }
    };
  }

  interface AcmeCall {
    AcmeClient.Reply run() throws IOException;
  }

  /** No answer: the outcome is unknown (the saga settles it); any other I/O error: retry later. */
  static AcmeClient.Reply call(AcmeCall call) {
    try {
      return call.run();
    } catch (SocketTimeoutException e) {
      throw new OutcomeUnknownException("Acme did not answer", e);
    } catch (IOException e) {
      throw new ServiceUnavailableException("Acme is unavailable", e);
    }
  }
}
// provider-example:end
