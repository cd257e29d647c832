package org.paysaga.reliability.chaos;

import static org.paysaga.payment.PaymentSteps.CALL_PAYMENT_CHANNEL;
import static org.paysaga.payment.PaymentSteps.COMPLETE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREATE_ORDER;
import static org.paysaga.payment.PaymentSteps.CREDIT_MERCHANT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.payment.PaymentSteps;
import org.paysaga.payment.sandbox.OrderStatus;
import org.paysaga.payment.sandbox.PaymentAudit;
import org.paysaga.saga.DlqEntry;
import org.paysaga.saga.SagaState;
import org.paysaga.saga.SagaStatus;
import org.paysaga.saga.StepState;
import org.paysaga.saga.StepStatus;

/** Payments, sandbox ledgers, saga states, DLQ entries and verdicts built by hand for the chaos tests. */
final class ChaosFixtures {
  static final long AMOUNT = 1234;
  static final long STARTED_AT = 1_700_000_000_000L;
  /** Start to last status change of the sagas built by {@link #saga}. */
  static final long DURATION = 4_200;

  private ChaosFixtures() {}

  // ---- payments

  /** The payment {@code chaos-test-00001} of the path, 12.34 CNY. */
  static PlannedPayment payment(PaymentPath path) {
    return payment(0, path);
  }

  /** The payment {@code chaos-test-<index + 1>} of the path, 12.34 CNY. */
  static PlannedPayment payment(int index, PaymentPath path) {
    String paymentNo = String.format("chaos-test-%05d", index + 1);
    return new PlannedPayment(index, path,
        new PaymentRequest(paymentNo, path.merchant(0), AMOUNT, "CNY", path.cardToken(0, 5)));
  }

  // ---- the sandbox's records

  /** Nothing recorded at all. */
  static AuditBuilder ledger(PlannedPayment payment) {
    return new AuditBuilder(payment.sagaId());
  }

  /** Order paid, charged and credited once, each step seen once. */
  static AuditBuilder completedLedger(PlannedPayment payment) {
    return ledger(payment).order(OrderStatus.PAID)
        .charged(1, payment.request().amountMinor())
        .credited(1, payment.request().amountMinor())
        .attempts(CREATE_ORDER, 1).attempts(CALL_PAYMENT_CHANNEL, 1)
        .attempts(CREDIT_MERCHANT, 1).attempts(COMPLETE_ORDER, 1);
  }

  /** Charged, the merchant frozen, the charge refunded and the order cancelled. */
  static AuditBuilder reversedLedger(PlannedPayment payment) {
    return ledger(payment).order(OrderStatus.CANCELLED)
        .charged(1, payment.request().amountMinor())
        .refunded(1, payment.request().amountMinor())
        .attempts(CREATE_ORDER, 1).attempts(CALL_PAYMENT_CHANNEL, 1).attempts(CREDIT_MERCHANT, 1);
  }

  /** Charged, the merchant frozen, the refund never succeeded, the order cancelled: a DLQ saga's ledger. */
  static AuditBuilder parkedLedger(PlannedPayment payment) {
    return ledger(payment).order(OrderStatus.CANCELLED)
        .charged(1, payment.request().amountMinor())
        .attempts(CREATE_ORDER, 1).attempts(CALL_PAYMENT_CHANNEL, 1).attempts(CREDIT_MERCHANT, 1);
  }

  /** The clean ledger of a saga that ended with {@code status} (nothing recorded for other statuses). */
  static PaymentAudit cleanLedger(PlannedPayment payment, SagaStatus status) {
    if (status == null) {
      return ledger(payment).build();
    }
    return switch (status) {
      case COMPLETED -> completedLedger(payment).build();
      case COMPENSATED -> reversedLedger(payment).build();
      case DLQ -> parkedLedger(payment).build();
      default -> ledger(payment).order(OrderStatus.CREATED).build();
    };
  }

  static final class AuditBuilder {
    private final String sagaId;
    private OrderStatus order = OrderStatus.NONE;
    private int charges;
    private long chargedMinor;
    private int refunds;
    private long refundedMinor;
    private int credits;
    private long creditedMinor;
    private int reversals;
    private long reversedMinor;
    private final Map<String, Integer> attempts = new HashMap<>();

    private AuditBuilder(String sagaId) {
      this.sagaId = sagaId;
    }

    AuditBuilder order(OrderStatus status) {
      order = status;
      return this;
    }

    AuditBuilder charged(int times, long minor) {
      charges = times;
      chargedMinor = minor;
      return this;
    }

    AuditBuilder refunded(int times, long minor) {
      refunds = times;
      refundedMinor = minor;
      return this;
    }

    AuditBuilder credited(int times, long minor) {
      credits = times;
      creditedMinor = minor;
      return this;
    }

    AuditBuilder reversed(int times, long minor) {
      reversals = times;
      reversedMinor = minor;
      return this;
    }

    AuditBuilder attempts(String activityType, int seen) {
      attempts.put(activityType, seen);
      return this;
    }

    PaymentAudit build() {
      return new PaymentAudit(sagaId, order, charges, chargedMinor, refunds, refundedMinor, credits, creditedMinor,
          reversals, reversedMinor, 0, attempts, Map.of());
    }
  }

  // ---- Temporal's view and the DLQ

  /** A payment step's state; its compensation's activity type is the step's own. */
  static StepState step(String name, StepStatus forward, int attempts, StepStatus compensation, int compensationAttempts) {
    String compensationType = PaymentSteps.ALL.stream().filter(d -> d.step().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a payment step: " + name)).compensation();
    return new StepState(name, forward, attempts, compensationType, compensation, compensationAttempts,
        forward == StepStatus.FAILED || compensation == StepStatus.FAILED ? "boom" : null);
  }

  static StepState step(String name, StepStatus forward, int attempts) {
    return step(name, forward, attempts, StepStatus.NOT_REQUIRED, 0);
  }

  /** Every step succeeded once; the compensations were registered and never ran. */
  static List<StepState> completedSteps() {
    return List.of(
        step(CREATE_ORDER, StepStatus.SUCCEEDED, 1, StepStatus.PENDING, 0),
        step(CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, 1, StepStatus.PENDING, 0),
        step(CREDIT_MERCHANT, StepStatus.SUCCEEDED, 1, StepStatus.PENDING, 0),
        step(COMPLETE_ORDER, StepStatus.SUCCEEDED, 1));
  }

  /** Frozen merchant: the credit failed, the refund and the cancel succeeded. */
  static List<StepState> compensatedSteps() {
    return List.of(
        step(CREATE_ORDER, StepStatus.SUCCEEDED, 1, StepStatus.SUCCEEDED, 1),
        step(CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, 1, StepStatus.SUCCEEDED, 1),
        step(CREDIT_MERCHANT, StepStatus.FAILED, 1, StepStatus.SUCCEEDED, 1),
        step(COMPLETE_ORDER, StepStatus.PENDING, 0));
  }

  /** Frozen merchant and a refund that always fails: what a DLQ saga of REFUND_NEVER_SUCCEEDS reports. */
  static List<StepState> parkedSteps() {
    return List.of(
        step(CREATE_ORDER, StepStatus.SUCCEEDED, 1, StepStatus.SUCCEEDED, 1),
        step(CALL_PAYMENT_CHANNEL, StepStatus.SUCCEEDED, 1, StepStatus.FAILED, 4),
        step(CREDIT_MERCHANT, StepStatus.FAILED, 1, StepStatus.SUCCEEDED, 1),
        step(COMPLETE_ORDER, StepStatus.PENDING, 0));
  }

  /** The saga's state, started at {@link #STARTED_AT} and last changed {@link #DURATION} later. */
  static SagaState saga(PlannedPayment payment, SagaStatus status, List<StepState> steps) {
    return saga(payment, status, steps, null);
  }

  static SagaState saga(PlannedPayment payment, SagaStatus status, List<StepState> steps, String failure) {
    return new SagaState(payment.sagaId(), "PaymentSaga", payment.request().paymentNo(), status, steps, failure, null,
        STARTED_AT, STARTED_AT + DURATION);
  }

  static DlqEntry dlqEntry(String sagaId, List<StepState> steps) {
    return new DlqEntry(sagaId, sagaId, "run-1", "PaymentSaga", "chaos-test-00001", Map.of("amount", "12.34"),
        "RefundPayment gave up", List.of("CreditMerchant: frozen", "RefundPayment: unavailable"), steps,
        STARTED_AT + 1_000, STARTED_AT + 20_000, 0, DlqEntry.SOURCE_RECOVERY, null);
  }

  // ---- verdicts

  /** A sound verdict: the ledger clean for the status, finished in {@code durationMillis}. */
  static Verdict verdict(int index, PaymentPath path, SagaStatus status, long durationMillis) {
    return verdict(index, path, status, durationMillis, 0);
  }

  static Verdict verdict(int index, PaymentPath path, SagaStatus status, long durationMillis, int attemptsLost) {
    PlannedPayment payment = payment(index, path);
    boolean finished = status == SagaStatus.COMPLETED || status == SagaStatus.COMPENSATED;
    return new Verdict(payment, status, finished ? durationMillis : -1, null, cleanLedger(payment, status),
        attemptsLost, List.of());
  }

  static Verdict withAudit(Verdict verdict, PaymentAudit audit) {
    return new Verdict(verdict.payment(), verdict.status(), verdict.durationMillis(), verdict.failure(), audit,
        verdict.attemptsTakenByFaults(), verdict.violations());
  }

  static Verdict withViolations(Verdict verdict, String... violations) {
    return new Verdict(verdict.payment(), verdict.status(), verdict.durationMillis(), verdict.failure(),
        verdict.audit(), verdict.attemptsTakenByFaults(), List.of(violations));
  }

  /** {@code count} sound verdicts of one path and status, indexed from {@code firstIndex}, 1 s each. */
  static List<Verdict> verdicts(int firstIndex, int count, PaymentPath path, SagaStatus status) {
    List<Verdict> verdicts = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      verdicts.add(verdict(firstIndex + i, path, status, 1_000));
    }
    return verdicts;
  }

  @SafeVarargs
  static List<Verdict> concat(List<Verdict>... lists) {
    List<Verdict> all = new ArrayList<>();
    for (List<Verdict> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  /** Pins the default locale to ROOT for a test class: the figures format numbers with it. */
  static final class RootLocale implements BeforeAllCallback, AfterAllCallback {
    private Locale saved;

    @Override
    public void beforeAll(ExtensionContext context) {
      saved = Locale.getDefault();
      Locale.setDefault(Locale.ROOT);
    }

    @Override
    public void afterAll(ExtensionContext context) {
      Locale.setDefault(saved);
    }
  }
}
