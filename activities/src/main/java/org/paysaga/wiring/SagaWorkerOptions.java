package org.paysaga.wiring;

import io.temporal.worker.WorkflowImplementationOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.paysaga.catalog.Defaults;
import org.paysaga.catalog.SagaTypes;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.SagaActivityOptions;
import org.paysaga.saga.SagaCatalog;
import org.paysaga.saga.SagaSettings;
import org.paysaga.saga.StepDefinition;
import org.paysaga.saga.SweeperSettings;

/**
 * The settings of a saga worker, each with its default: what the worker app binds from
 * {@code saga.*}, and what the tests and the benchmark change. Immutable; build with
 * {@link #builder()}, or take the defaults with {@link #create()}.
 */
public final class SagaWorkerOptions {
  private final String taskQueue;
  private final SagaKeyspace keyspace;
  private final SagaSettings recovery;
  private final SweeperSettings sweeper;
  private final SagaCatalog catalog;
  private final Duration idempotencyTtl;
  private final boolean stickyExecution;
  private final LongSupplier clock;

  private SagaWorkerOptions(Builder builder) {
    taskQueue = builder.taskQueue;
    keyspace = builder.keyspace;
    recovery = builder.recovery;
    sweeper = builder.sweeper;
    catalog = withTimeouts(builder.stepTimeouts);
    idempotencyTtl = builder.idempotencyTtl;
    stickyExecution = builder.stickyExecution;
    clock = builder.clock;
  }

  public static SagaWorkerOptions create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public String taskQueue() {
    return taskQueue;
  }

  public SagaKeyspace keyspace() {
    return keyspace;
  }

  public SweeperSettings sweeper() {
    return sweeper;
  }

  /** Every saga type with its steps' timeouts as configured. */
  public SagaCatalog catalog() {
    return catalog;
  }

  public Duration idempotencyTtl() {
    return idempotencyTtl;
  }

  public boolean stickyExecution() {
    return stickyExecution;
  }

  /** Epoch ms for the records the worker stamps; a time-skipping test passes its environment's. */
  public LongSupplier clock() {
    return clock;
  }

  /** What sagas read through their lifecycle: the recovery settings and every step's timeout. */
  public SagaSettings sagaSettings() {
    Map<String, Duration> timeouts = new LinkedHashMap<>();
    catalog.all().values().forEach(steps -> steps.forEach(s -> timeouts.put(s.step(), s.startToClose())));
    return recovery.withStepTimeouts(timeouts);
  }

  /**
   * The step timeouts of one saga type as the options its workflow is registered with: options
   * passed to {@code Workflow.newActivityStub} would win over the worker's, so the workflow code
   * sets only the retry policy and the worker sets each step's start-to-close here.
   */
  public WorkflowImplementationOptions implementationOptions(String sagaType) {
    return implementationOptions(catalog.steps(sagaType)
        .orElseThrow(() -> new IllegalArgumentException("not a saga type: " + sagaType)));
  }

  private static WorkflowImplementationOptions implementationOptions(List<StepDefinition> steps) {
    return SagaActivityOptions.implementationOptions(SagaActivityOptions.perStep(steps, Map.of()));
  }

  private static SagaCatalog withTimeouts(Map<String, Duration> timeouts) {
    Map<String, List<StepDefinition>> types = new LinkedHashMap<>();
    SagaTypes.catalog().all().forEach((type, steps) -> types.put(type, steps.stream()
        .map(s -> new StepDefinition(s.step(), s.compensation(), timeouts.getOrDefault(s.step(), s.startToClose())))
        .toList()));
    return new SagaCatalog(types);
  }

  /** Builds {@link SagaWorkerOptions}; every setting starts at its default. */
  public static final class Builder {
    private String taskQueue = Defaults.TASK_QUEUE;
    private SagaKeyspace keyspace = SagaKeyspace.DEFAULT;
    private SagaSettings recovery = SagaSettings.DEFAULTS;
    private SweeperSettings sweeper = SweeperSettings.DEFAULTS;
    private final Map<String, Duration> stepTimeouts = new LinkedHashMap<>();
    private Duration idempotencyTtl = Defaults.IDEMPOTENCY_TTL;
    private boolean stickyExecution = true;
    private LongSupplier clock = System::currentTimeMillis;

    private Builder() {}

    public Builder taskQueue(String taskQueue) {
      if (taskQueue == null || taskQueue.isBlank()) {
        throw new IllegalArgumentException("task queue must not be blank");
      }
      this.taskQueue = taskQueue;
      return this;
    }

    public Builder keyspace(SagaKeyspace keyspace) {
      this.keyspace = Objects.requireNonNull(keyspace, "keyspace");
      return this;
    }

    /** Recovery interval and give-up time (the step timeouts come from {@link #stepTimeout}). */
    public Builder recovery(Duration interval, Duration giveUpAfter) {
      this.recovery = new SagaSettings(positive("recovery interval", interval), Objects.requireNonNull(giveUpAfter));
      return this;
    }

    public Builder sweeper(SweeperSettings sweeper) {
      this.sweeper = Objects.requireNonNull(sweeper, "sweeper");
      return this;
    }

    /** The start-to-close timeout of one step (its forward action and its compensation), by step name. */
    public Builder stepTimeout(String step, Duration startToClose) {
      boolean known = SagaTypes.catalog().all().values().stream()
          .flatMap(List::stream).anyMatch(s -> s.step().equals(step));
      if (!known) {
        throw new IllegalArgumentException("'" + step + "' is not a step of a saga type; the steps are "
            + String.join(", ", stepNames()));
      }
      stepTimeouts.put(step, positive("timeout of step " + step, startToClose));
      return this;
    }

    public Builder stepTimeouts(Map<String, Duration> timeouts) {
      timeouts.forEach(this::stepTimeout);
      return this;
    }

    public Builder idempotencyTtl(Duration ttl) {
      if (ttl == null || ttl.toSeconds() < 1) {
        throw new IllegalArgumentException("idempotency TTL must be at least a second, was " + ttl);
      }
      this.idempotencyTtl = ttl;
      return this;
    }

    /**
     * Sticky execution (Temporal's default). Off only on Temporal's Java test server, which never
     * hands a stopped worker's sticky tasks to another (docs/design.md "Engines").
     */
    public Builder stickyExecution(boolean sticky) {
      this.stickyExecution = sticky;
      return this;
    }

    public Builder clock(LongSupplier clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public SagaWorkerOptions build() {
      return new SagaWorkerOptions(this);
    }

    /** Every step name of every saga type, in order. */
    public static List<String> stepNames() {
      return SagaTypes.catalog().all().values().stream()
          .flatMap(List::stream).map(StepDefinition::step).distinct().toList();
    }

    private static Duration positive(String what, Duration value) {
      if (value == null || value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(what + " must be a positive duration, was " + value);
      }
      return value;
    }
  }
}
