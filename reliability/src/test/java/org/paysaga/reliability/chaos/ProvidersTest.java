package org.paysaga.reliability.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

class ProvidersTest {

  @Test
  void sandboxAndPostgresHttpParseInAnyOrderAndCase() {
    assertThat(Providers.parse("sandbox")).isEqualTo(Providers.SANDBOX);
    assertThat(Providers.parse("postgres,http")).isEqualTo(Providers.POSTGRES_HTTP);
    assertThat(Providers.parse(" HTTP , Postgres ")).isEqualTo(Providers.POSTGRES_HTTP);
    assertThat(Providers.POSTGRES_HTTP.label()).isEqualTo("postgres,http");
  }

  @Test
  void anythingElseIsRefusedWithTheChoices() {
    for (String value : new String[] {"postgres", "http", "", "redis", "sandbox,http", "postgres,http,kafka"}) {
      assertThatThrownBy(() -> Providers.parse(value)).as(value).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("sandbox (the default) or postgres,http");
    }
    assertThatThrownBy(() -> Providers.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Providers.Converter().convert("mysql")).isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("unknown providers 'mysql'");
  }

  @Test
  void theChaosRunTakesTheOptionAndDefaultsToTheSandbox() {
    ChaosRun byDefault = new ChaosRun();
    new CommandLine(byDefault).parseArgs("--quick");
    assertThat(byDefault.providers).isEqualTo(Providers.SANDBOX);

    ChaosRun real = new ChaosRun();
    new CommandLine(real).parseArgs("--quick", "--providers", "postgres,http");
    assertThat(real.providers).isEqualTo(Providers.POSTGRES_HTTP);

    assertThat(new CommandLine(new ChaosRun()).execute("--providers", "oracle")).isEqualTo(2);
  }

  @Test
  void theWorkersAreSetUpForThePostgresAndHttpAdapters() {
    assertThat(ProviderStack.workerSettings("jdbc:postgresql://127.0.0.1:5/paysaga", "paysaga", "", "http://h:1",
        "sk_test"))
        .containsEntry("SAGA_PROVIDERS_ORDERS", "postgres")
        .containsEntry("SAGA_PROVIDERS_LEDGER", "postgres")
        .containsEntry("SAGA_PROVIDERS_CHANNEL", "http")
        .containsEntry("SAGA_PROVIDERS_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5/paysaga")
        .containsEntry("SAGA_PROVIDERS_POSTGRES_USERNAME", "paysaga")
        .containsEntry("SAGA_PROVIDERS_POSTGRES_PASSWORD", "")
        .containsEntry("SAGA_PROVIDERS_HTTP_BASEURL", "http://h:1")
        .containsEntry("SAGA_PROVIDERS_HTTP_APIKEY", "sk_test")
        .containsEntry("SAGA_PROVIDERS_HTTP_REQUESTTIMEOUT", "2s");
    // A slow answer must end the attempt before the step's start-to-close does.
    assertThat(Integer.parseInt(ProviderStack.HTTP_REQUEST_TIMEOUT.replace("s", "")))
        .isLessThan(ChaosStack.CHANNEL_TIMEOUT_SECONDS);
  }

  @Test
  void theSlowChargeOutlastsTheWholeRetryWindow() {
    int attemptsAndWaits = 4 * ChaosStack.CHANNEL_TIMEOUT_SECONDS + 2 + 4 + 8;
    assertThat(ChaosStack.SLOW_CHARGE_SECONDS).isGreaterThan(attemptsAndWaits);
  }
}
