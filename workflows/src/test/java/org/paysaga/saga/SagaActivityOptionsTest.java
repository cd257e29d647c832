package org.paysaga.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.payment.PaymentSteps;

class SagaActivityOptionsTest {

  @Test
  void retryPolicyWaitsTwoFourEightSecondsOverFourAttempts() {
    var policy = SagaActivityOptions.retryPolicy(List.of("CardDeclined"));
    assertThat(policy.getInitialInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.getBackoffCoefficient()).isEqualTo(2.0);
    assertThat(policy.getMaximumAttempts()).isEqualTo(4);
    assertThat(policy.getDoNotRetry()).containsExactly("CardDeclined");
  }

  @Test
  void eachStepTimeoutAppliesToItsForwardActionAndCompensation() {
    Map<String, ActivityOptions> options = SagaActivityOptions.perStep(PaymentSteps.ALL, Map.of());
    assertThat(options.get("CreateOrder").getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.get("CallPaymentChannel").getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.get("RefundPayment").getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(options.get("CreditMerchant").getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options.get("CompleteOrder").getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(options).hasSize(7);
  }

  @Test
  void configurationOverridesAStepTimeout() {
    Map<String, ActivityOptions> options =
        SagaActivityOptions.perStep(PaymentSteps.ALL, Map.of("CallPaymentChannel", Duration.ofSeconds(5)));
    assertThat(options.get("CallPaymentChannel").getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(options.get("CreateOrder").getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rejectsNonPositiveTimeoutsNamingTheProperty() {
    assertThatThrownBy(() -> SagaActivityOptions.perStep(PaymentSteps.ALL, Map.of("CreateOrder", Duration.ZERO)))
        .hasMessageContaining("saga.steps.CreateOrder.start-to-close");
  }
}
