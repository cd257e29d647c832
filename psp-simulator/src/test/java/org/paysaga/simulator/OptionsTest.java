package org.paysaga.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.paysaga.simulator.FaultPlan.Kind;

class OptionsTest {

  @Test
  void parsesEveryOption() {
    SimulatorOptions options = SimulatorOptions.parse("--data-dir", "d", "--port", "8089", "--host", "0.0.0.0",
        "--api-key", "k", "--fault-rates", "error=0.1, drop=0.2,slow=0.3", "--slow-ms", "50");
    assertThat(options.dataDir()).isEqualTo(Path.of("d"));
    assertThat(options.port()).isEqualTo(8089);
    assertThat(options.host()).isEqualTo("0.0.0.0");
    assertThat(options.apiKey()).isEqualTo("k");
    assertThat(options.faults()).isEqualTo(new FaultPlan(0.1, 0.2, 0.3, 50));
  }

  @Test
  void defaults() {
    SimulatorOptions options = SimulatorOptions.parse("--data-dir", "d", "--api-key", " ");
    assertThat(options.port()).isZero();
    assertThat(options.host()).isEqualTo("127.0.0.1");
    assertThat(options.apiKey()).isNull();
    assertThat(options.faults()).isEqualTo(new FaultPlan(0, 0, 0, 3_000));
  }

  @Test
  void errorsNameTheOption() {
    assertThatThrownBy(() -> SimulatorOptions.parse()).hasMessageContaining("--data-dir is required");
    assertThatThrownBy(() -> SimulatorOptions.parse("--help")).hasMessageContaining("usage");
    assertThatThrownBy(() -> SimulatorOptions.parse("--port")).hasMessageContaining("--port needs a value");
    assertThatThrownBy(() -> SimulatorOptions.parse("stray")).hasMessageContaining("unknown argument stray");
    assertThatThrownBy(() -> SimulatorOptions.parse("--colour", "red")).hasMessageContaining("unknown option --colour");
    assertThatThrownBy(() -> SimulatorOptions.parse("--data-dir", "d", "--port", "x")).hasMessageContaining("--port must");
    assertThatThrownBy(() -> SimulatorOptions.parse("--data-dir", "d", "--port", "70000")).hasMessageContaining("--port");
    assertThatThrownBy(() -> SimulatorOptions.parse("--data-dir", "d", "--fault-rates", "error")).hasMessageContaining("name=share");
    assertThatThrownBy(() -> SimulatorOptions.parse("--data-dir", "d", "--fault-rates", "error=x")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> SimulatorOptions.parse("--data-dir", "d", "--fault-rates", "boom=0.1")).hasMessageContaining("unknown fault boom");
    assertThatThrownBy(() -> SimulatorOptions.parse("--data-dir", "d", "--fault-rates", "error=0.7,drop=0.7"))
        .hasMessageContaining("add up to 1");
  }

  @Test
  void faultsAsked() {
    FaultPlan none = FaultPlan.none();
    assertThat(none.decide(null).kind()).isEqualTo(Kind.NONE);
    assertThat(none.decide(" ERROR ").kind()).isEqualTo(Kind.ERROR);
    assertThat(none.decide("drop").kind()).isEqualTo(Kind.DROP);
    assertThat(none.decide("none").kind()).isEqualTo(Kind.NONE);
    assertThat(none.decide("slow:250")).isEqualTo(new FaultPlan.Fault(Kind.SLOW, 250));
    assertThatThrownBy(() -> none.decide("slow:x")).hasMessageContaining(FaultPlan.HEADER);
    assertThatThrownBy(() -> none.decide("slow:-1")).hasMessageContaining(FaultPlan.HEADER);
    assertThatThrownBy(() -> none.decide("fire")).hasMessageContaining(FaultPlan.HEADER);
  }

  @Test
  void faultsDrawnAtTheRates() {
    assertThat(new FaultPlan(1, 0, 0, 0).decide(null).kind()).isEqualTo(Kind.ERROR);
    assertThat(new FaultPlan(0, 1, 0, 0).decide(null).kind()).isEqualTo(Kind.DROP);
    assertThat(new FaultPlan(0, 0, 1, 70).decide(null)).isEqualTo(new FaultPlan.Fault(Kind.SLOW, 70));
    assertThat(new FaultPlan(1, 0, 0, 0).decide("none").kind()).isEqualTo(Kind.NONE);
  }

  @Test
  void cardTokensAreMaskedAndRead() {
    assertThat(CardTokens.mask("tok_visa")).isEqualTo("tok_…visa");
    assertThat(CardTokens.mask("4242424242424242")).isEqualTo("…4242");
    assertThat(CardTokens.mask("abc")).isEqualTo("…");
    assertThat(CardTokens.mask(null)).isEqualTo("…");
    assertThat(CardTokens.declines("tok_decline")).isTrue();
    assertThat(CardTokens.chargeFailures("tok_flaky_3")).isEqualTo(3);
    assertThat(CardTokens.chargeFailures("tok_flaky_x")).isZero();
    assertThat(CardTokens.chargeFailures(null)).isZero();
    assertThat(CardTokens.chargeSeconds("tok_slow_2")).isEqualTo(2);
    assertThat(CardTokens.refundMode("tok_refund_fail")).isEqualTo("fail");
    assertThat(CardTokens.refundMode("tok_refund_refused")).isEqualTo("refused");
    assertThat(CardTokens.refundMode("tok_refund_flaky_2")).isEqualTo("flaky:2");
    assertThat(CardTokens.refundMode("tok_visa")).isEqualTo("normal");
    assertThat(CardTokens.refundFailures("flaky:2")).isEqualTo(2);
    assertThat(CardTokens.refundFailures("normal")).isZero();
  }
}
