package org.paysaga.reliability.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.payment.sandbox.SandboxMagicValues;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.payment.sandbox.OrderStatus;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/**
 * Judges one payment from three independent records: Temporal's view of the saga, the sandbox's
 * ledger (orders, charges, refunds, merchant postings) and the DLQ entry. A saga ends
 * {@code COMPLETED} and clean, {@code COMPENSATED} and clean, or parked in the DLQ with an entry
 * that says exactly what the ledger shows; anything else is a violation.
 */
public final class PaymentAuditor {
  /** Redis kept its data: every saga parked in the DLQ must have its entry. */
  public static final long NO_DLQ_LOSS = Long.MIN_VALUE;

  private PaymentAuditor() {}

  /**
   * Whether the saga parked in the DLQ (Temporal says so) by {@code lostUntilMillis}, when Redis lost
   * its data, and its entry is gone: lost with Redis's data, not by the saga.
   */
  public static boolean dlqEntryLost(Optional<SagaState> state, Optional<DlqEntry> dlqEntry, long lostUntilMillis) {
    return state.isPresent() && state.get().status() == SagaStatus.DLQ && dlqEntry.isEmpty()
        && state.get().updatedAtMillis() <= lostUntilMillis;
  }

  /**
   * @param state the saga's state, empty when Temporal does not know the saga
   * @param audit the sandbox's records of the saga
   * @param dlqEntry the saga's DLQ entry, if any
   */
  public static Verdict judge(PlannedPayment payment, Optional<SagaState> state, PaymentAudit audit,
      Optional<DlqEntry> dlqEntry) {
    return judge(payment, state, audit, dlqEntry, NO_DLQ_LOSS);
  }

  /**
   * As {@link #judge(PlannedPayment, Optional, PaymentAudit, Optional)}, after Redis lost its data at
   * {@code dlqLostUntilMillis} (epoch ms, when it answered again, empty): a saga Temporal parked by
   * then whose entry is gone is judged by Temporal's own step records against the money instead.
   */
  public static Verdict judge(PlannedPayment payment, Optional<SagaState> state, PaymentAudit audit,
      Optional<DlqEntry> dlqEntry, long dlqLostUntilMillis) {
    List<String> violations = new ArrayList<>();
    if (state.isEmpty()) {
      violations.add("missing: Temporal has no saga " + payment.sagaId());
      return new Verdict(payment, null, -1, null, audit, 0, violations);
    }
    SagaState saga = state.get();
    long amount = payment.request().amountMinor();
    switch (saga.status()) {
      case COMPLETED -> {
        if (!audit.isCompletedCleanly(amount)) {
          violations.add("COMPLETED but the ledger is not one charge and one credit of " + amount + ": " + audit);
        }
        if (payment.path().expected() != Expected.COMPLETED) {
          violations.add("COMPLETED, but path " + payment.path() + " must not complete");
        }
      }
      case COMPENSATED -> {
        if (!audit.isCompensatedCleanly()) {
          violations.add("COMPENSATED but the ledger is not reversed: " + audit);
        }
        if (payment.path().expected() == Expected.DLQ) {
          violations.add("COMPENSATED, but path " + payment.path() + " has a refund that always fails");
        }
      }
      case DLQ -> {
        if (dlqEntryLost(state, dlqEntry, dlqLostUntilMillis)) {
          checkSteps("Temporal (its DLQ entry lost with Redis's data)", saga.steps(), audit, violations);
        } else {
          checkDlq(saga, audit, dlqEntry, violations);
        }
      }
      default -> violations.add("ended " + saga.status() + (saga.failure() == null ? "" : ": " + saga.failure()));
    }
    if (dlqEntry.isPresent() && saga.status() != SagaStatus.DLQ) {
      violations.add("a DLQ entry exists, but the saga is " + saga.status());
    }
    if (audit.doubleCharged()) {
      violations.add("charged " + audit.charges() + " times");
    }
    if (audit.doubleRefunded()) {
      violations.add("refunded " + audit.refunds() + " times");
    }
    boolean finished = saga.status() == SagaStatus.COMPLETED || saga.status() == SagaStatus.COMPENSATED;
    long duration = finished ? saga.updatedAtMillis() - saga.startedAtMillis() : -1;
    return new Verdict(payment, saga.status(), duration, saga.failure(), audit, attemptsTakenByFaults(payment, saga, audit),
        violations);
  }

  /**
   * Attempts of the failed forward steps that failed for another reason than the payment's
   * scripted failures: never reaching the sandbox (lost with a killed worker, or while Redis was
   * down), or, once the step's retries ran out, failing beyond the failures its magic value scripts
   * (an attempt that reached the sandbox and then stalled past its timeout while Redis restarted).
   */
  static int attemptsTakenByFaults(PlannedPayment payment, SagaState saga, PaymentAudit audit) {
    int beyondScript = saga.steps().stream()
        .filter(step -> step.status() == StepStatus.FAILED && step.attempts() >= SagaActivityOptions.MAXIMUM_ATTEMPTS)
        .mapToInt(step -> Math.max(0, step.attempts() - scriptedFailures(step.step(), payment.request())))
        .sum();
    return Math.max(attemptsLost(saga, audit), beyondScript);
  }

  /** Retryable failures the payment's magic values script for a step ({@code tok_flaky_3}: 3 charges). */
  static int scriptedFailures(String step, PaymentRequest request) {
    if (PaymentSteps.CALL_PAYMENT_CHANNEL.equals(step)) {
      return countAfter(request.cardToken(), SandboxMagicValues.CARD_FLAKY_PREFIX);
    }
    if (PaymentSteps.CREDIT_MERCHANT.equals(step)) {
      return countAfter(request.merchantId(), SandboxMagicValues.MERCHANT_FLAKY_PREFIX);
    }
    return 0;
  }

  private static int countAfter(String value, String prefix) {
    if (value == null || !value.startsWith(prefix)) {
      return 0;
    }
    try {
      return Integer.parseInt(value.substring(prefix.length()));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Attempts of the saga's failed forward step that the sandbox never saw: Temporal counts every
   * attempt it scheduled (the saga records the policy's maximum when they ran out), the sandbox
   * only those that reached it.
   */
  static int attemptsLost(SagaState saga, PaymentAudit audit) {
    return saga.steps().stream()
        .filter(step -> step.status() == StepStatus.FAILED)
        .mapToInt(step -> Math.max(0, step.attempts() - audit.attempts(step.step())))
        .sum();
  }

  private static void checkDlq(SagaState saga, PaymentAudit audit, Optional<DlqEntry> dlqEntry,
      List<String> violations) {
    if (dlqEntry.isEmpty()) {
      violations.add("DLQ status, but no entry in the DLQ");
      return;
    }
    DlqEntry entry = dlqEntry.get();
    if (!entry.sagaId().equals(saga.sagaId())) {
      violations.add("DLQ entry names saga " + entry.sagaId());
    }
    checkSteps("DLQ entry", entry.steps(), audit, violations);
  }

  /** Each step record against the money: what it says took effect, and was not undone, shows. */
  private static void checkSteps(String source, List<StepState> steps, PaymentAudit audit, List<String> violations) {
    for (StepState step : steps) {
      Optional<Boolean> mustBeInEffect = mustBeInEffect(step);
      boolean inEffect = inEffect(step.step(), audit);
      if (mustBeInEffect.isPresent() && mustBeInEffect.get() != inEffect) {
        violations.add(source + " says " + step.step() + " " + step.status() + "/compensation "
            + step.compensationStatus() + ", but the ledger shows it " + (inEffect ? "in effect" : "not in effect")
            + ": " + audit);
      }
    }
  }

  /**
   * What the entry's step record implies for the ledger: undone when its compensation succeeded,
   * in effect when it succeeded and was not undone, not in effect when it never took effect; a
   * step whose forward and compensation both failed may be either.
   */
  static Optional<Boolean> mustBeInEffect(StepState step) {
    if (step.compensationStatus() == StepStatus.SUCCEEDED) {
      return Optional.of(false);
    }
    if (step.status() == StepStatus.SUCCEEDED) {
      return Optional.of(true);
    }
    if (step.compensationStatus() == StepStatus.FAILED) {
      return Optional.empty();
    }
    return Optional.of(false);
  }

  /** Whether the sandbox shows the step's forward effect, not undone. */
  static boolean inEffect(String step, PaymentAudit audit) {
    return switch (step) {
      case PaymentSteps.CREATE_ORDER -> audit.orderStatus() == OrderStatus.CREATED || audit.orderStatus() == OrderStatus.PAID;
      case PaymentSteps.CALL_PAYMENT_CHANNEL -> audit.charges() > audit.refunds();
      case PaymentSteps.CREDIT_MERCHANT -> audit.ledgerCredits() > audit.ledgerReversals();
      case PaymentSteps.COMPLETE_ORDER -> audit.orderStatus() == OrderStatus.PAID;
      default -> throw new IllegalArgumentException("not a payment step: " + step);
    };
  }
}
