package org.paysaga.worker.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.hibernate.validator.constraints.time.DurationMin;
import org.paysaga.catalog.Defaults;
import org.paysaga.redis.RedisEndpoint;
import org.paysaga.redis.SagaKeyspace;
import org.paysaga.saga.SagaSettings;
import org.paysaga.wiring.SagaWorkerOptions;
import org.paysaga.saga.SweeperSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every {@code saga.*} setting of the worker (docs/worker-app.md), validated at startup: a
 * bad value stops the app with a message naming the property. Spring's relaxed binding lets each
 * be set from the environment too ({@code SAGA_RECOVERY_INTERVAL=10s},
 * {@code SAGA_RECOVERY_GIVEUPAFTER=1h}, {@code SAGA_STEPS_CALLPAYMENTCHANNEL_STARTTOCLOSE=90s}).
 *
 * @param taskQueue the saga workers' task queue ({@code SAGA_TASK_QUEUE})
 * @param temporalUiUrl where people open the Temporal UI, for links in the log ({@code TEMPORAL_UI_URL});
 *     unset: the dev server's, on the Temporal address's port + 1000 ({@code TemporalUi.defaultUrl})
 * @param recovery how a saga retries compensations that gave up, and when it parks in the DLQ
 * @param sweeper the sweeper that moves sagas Temporal gave up on into the DLQ
 * @param idempotency lifetime of idempotency (and sandbox) records once their saga ended
 * @param steps start-to-close timeout of each step by name ({@code CreateOrder}...), of every saga
 *     type this worker runs; a step left out keeps its default ({@code PaymentSteps}, {@code RefundSteps})
 * @param shutdown graceful shutdown on SIGTERM
 * @param redis the Redis at {@code REDIS_URL}
 * @param metrics how the Redis-backed gauges are read
 * @param stickyExecution Temporal's sticky execution of workflow tasks ({@code saga.sticky-execution},
 *     on); off only against Temporal's Java test server
 */
@Validated
@ConfigurationProperties("saga")
public record SagaProperties(
    @DefaultValue(Defaults.TASK_QUEUE) @NotBlank String taskQueue,
    String temporalUiUrl,
    @DefaultValue @Valid Recovery recovery,
    @DefaultValue @Valid Sweeper sweeper,
    @DefaultValue @Valid Idempotency idempotency,
    Map<String, @Valid Step> steps,
    @DefaultValue @Valid Shutdown shutdown,
    @DefaultValue @Valid Redis redis,
    @DefaultValue @Valid Metrics metrics,
    Boolean stickyExecution) {

  public SagaProperties {
    temporalUiUrl = temporalUiUrl == null || temporalUiUrl.isBlank() ? null : temporalUiUrl.strip();
    steps = steps == null ? Map.of() : Map.copyOf(steps);
    // Fails binding, naming the property, when a key is not a step of a saga type.
    stepTimeouts(steps);
  }

  /**
   * @param interval wait between recovery rounds ({@code saga.recovery.interval}, 5m)
   * @param giveUpAfter how long recovery goes on before the saga parks in the DLQ
   *     ({@code saga.recovery.give-up-after}, 3d)
   */
  public record Recovery(
      @DurationMin(millis = 1) Duration interval,
      @DurationMin(millis = 1) Duration giveUpAfter) {
    public Recovery {
      interval = interval == null ? SagaSettings.DEFAULTS.recoveryInterval() : interval;
      giveUpAfter = giveUpAfter == null ? SagaSettings.DEFAULTS.giveUpAfter() : giveUpAfter;
      long events = new SagaSettings(interval, giveUpAfter).recoveryHistoryEvents();
      if (events > SagaSettings.MAX_RECOVERY_HISTORY_EVENTS) {
        throw new IllegalArgumentException("saga.recovery.give-up-after (" + giveUpAfter + ") / saga.recovery.interval ("
            + interval + "): a saga recovering that long would record about " + events + " history events; Temporal "
            + "terminates a workflow at 51,200 (it would never reach the DLQ), so at most "
            + SagaSettings.MAX_RECOVERY_HISTORY_EVENTS + " are allowed: give up sooner or retry less often");
      }
    }
  }

  /**
   * @param interval wait between sweeps ({@code saga.sweeper.interval}, 5m)
   * @param batchSize sagas examined per sweep ({@code saga.sweeper.batch-size}, 10)
   */
  public record Sweeper(
      @DurationMin(millis = 1) Duration interval,
      @Min(1) @Max(1000) Integer batchSize) {
    public Sweeper {
      interval = interval == null ? SweeperSettings.DEFAULTS.interval() : interval;
      batchSize = batchSize == null ? SweeperSettings.DEFAULTS.batchSize() : batchSize;
    }
  }

  /** @param ttl how long a saga's idempotency records live after it ended ({@code saga.idempotency.ttl}, 7d) */
  public record Idempotency(@DurationMin(seconds = 1) Duration ttl) {
    public Idempotency {
      ttl = ttl == null ? Defaults.IDEMPOTENCY_TTL : ttl;
    }
  }

  /** @param startToClose bound of one attempt of the step's forward action and of its compensation */
  public record Step(@NotNull @DurationMin(millis = 1) Duration startToClose) {}

  /**
   * @param gracePeriod after SIGTERM, how long running activities may take to finish before they
   *     are interrupted (Temporal then retries them elsewhere) ({@code saga.shutdown.grace-period}, 30s)
   */
  public record Shutdown(@DefaultValue("30s") @NotNull @DurationMin(millis = 0) Duration gracePeriod) {}

  /**
   * @param url {@code redis://}, {@code rediss://} (TLS), {@code redis-sentinel://}; several
   *     comma-separated node URLs mean a Redis Cluster ({@code REDIS_URL})
   * @param cluster use the cluster client even for a single seed URL ({@code saga.redis.cluster})
   * @param commandTimeout how long a Redis command may take ({@code saga.redis.command-timeout}, 10s)
   * @param username ACL user, instead of one in the URL ({@code REDIS_USERNAME})
   * @param password AUTH password, instead of one in the URL ({@code REDIS_PASSWORD})
   * @param tlsCaFile CA certificates (PEM) to trust for {@code rediss://} instead of the JVM's
   *     ({@code REDIS_TLS_CA})
   * @param keyPrefix the prefix of every key the worker writes ({@code saga.redis.key-prefix},
   *     {@code saga}): deployments sharing one Redis each take their own
   */
  public record Redis(
      @DefaultValue(Defaults.REDIS_URL) @NotBlank String url,
      @DefaultValue("false") boolean cluster,
      @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration commandTimeout,
      String username,
      String password,
      String tlsCaFile,
      @DefaultValue(Defaults.KEY_PREFIX) @Pattern(regexp = "[^{}\\s]+",
          message = "must be non-blank, without braces or spaces") String keyPrefix) {

    @Override
    public String toString() {
      return "Redis[url=" + RedisEndpoint.redact(url) + ", cluster=" + cluster
          + ", commandTimeout=" + commandTimeout + ", username=" + username
          + ", password=" + (password == null ? null : "***") + ", tlsCaFile=" + tlsCaFile
          + ", keyPrefix=" + keyPrefix + "]";
    }
  }

  /**
   * @param gaugeRefresh how often {@code saga_in_progress} and {@code saga_dlq_size} are read from
   *     Redis; scrapes read the cached values ({@code saga.metrics.gauge-refresh}, 5s)
   */
  public record Metrics(@DefaultValue("5s") @NotNull @DurationMin(millis = 100) Duration gaugeRefresh) {}

  /** The saga worker these settings describe. */
  public SagaWorkerOptions workerOptions() {
    SagaWorkerOptions.Builder builder = SagaWorkerOptions.builder()
        .taskQueue(taskQueue)
        .keyspace(new SagaKeyspace(redis.keyPrefix()))
        .recovery(recovery.interval(), recovery.giveUpAfter())
        .sweeper(new SweeperSettings(sweeper.interval(), sweeper.batchSize()))
        .stepTimeouts(stepTimeouts())
        .idempotencyTtl(idempotency.ttl());
    if (stickyExecution != null) {
      builder.stickyExecution(stickyExecution);
    }
    return builder.build();
  }

  /** Configured timeouts by exact step name ({@code CallPaymentChannel} -> 90s). */
  public Map<String, Duration> stepTimeouts() {
    return stepTimeouts(steps);
  }

  /**
   * Maps configured keys to step names whatever their spelling: YAML keeps {@code CallPaymentChannel},
   * the environment ({@code SAGA_STEPS_CALLPAYMENTCHANNEL_STARTTOCLOSE}) gives {@code callpaymentchannel}.
   */
  private static Map<String, Duration> stepTimeouts(Map<String, Step> configured) {
    List<String> stepNames = SagaWorkerOptions.Builder.stepNames();
    Map<String, String> known = stepNames.stream()
        .collect(Collectors.toMap(SagaProperties::normalize, s -> s));
    Map<String, Duration> result = new LinkedHashMap<>();
    Map<String, String> keyOf = new LinkedHashMap<>();
    for (Map.Entry<String, Step> entry : configured.entrySet()) {
      String step = known.get(normalize(entry.getKey()));
      if (step == null) {
        throw new IllegalArgumentException("saga.steps." + entry.getKey()
            + " is not a step of a saga this worker runs; the steps are " + String.join(", ", stepNames));
      }
      Duration timeout = entry.getValue() == null ? null : entry.getValue().startToClose();
      if (timeout == null) {
        continue; // reported by the validator as saga.steps[...].start-to-close
      }
      Duration earlier = result.putIfAbsent(step, timeout);
      if (earlier != null && !earlier.equals(timeout)) {
        throw new IllegalArgumentException("saga.steps." + keyOf.get(step) + ".start-to-close ("
            + earlier + ") and saga.steps." + entry.getKey() + ".start-to-close (" + timeout
            + ") both set step " + step + "; keep one");
      }
      keyOf.putIfAbsent(step, entry.getKey());
    }
    return result;
  }

  private static String normalize(String key) {
    return key.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }
}
