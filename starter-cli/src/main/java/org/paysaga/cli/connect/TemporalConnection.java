package org.paysaga.cli.connect;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.concurrent.TimeUnit;
import org.paysaga.cli.errors.CliException;
import org.paysaga.payment.PaymentSagaClient;

/** A client of Temporal, built from the global options. */
public final class TemporalConnection implements AutoCloseable {
  private final TemporalSettings settings;
  private final WorkflowServiceStubs stubs;
  private final WorkflowClient client;
  private final PaymentSagaClient payments;
  private boolean reachable;

  private TemporalConnection(TemporalSettings settings, GlobalOptions options) {
    this.settings = settings;
    WorkflowClientOptions clientOptions = WorkflowClientOptions.newBuilder()
        .setNamespace(options.namespace())
        .setDataConverter(options.dataConverter())
        .build();
    // Lazy: no network until the first call.
    this.stubs = WorkflowServiceStubs.newServiceStubs(settings.stubsOptions());
    this.client = WorkflowClient.newInstance(stubs, clientOptions);
    this.payments = new PaymentSagaClient(client, new PaymentSagaClient.Options(options.taskQueue(), null));
  }

  /** Builds the client without touching the network (bad settings throw exit 2). */
  public static TemporalConnection create(GlobalOptions options) {
    return new TemporalConnection(new TemporalSettings(options), options);
  }

  /**
   * One call with a short deadline: an unreachable Temporal is reported (exit 4, naming the
   * address) in seconds, instead of after the SDK's retries.
   */
  public TemporalConnection checkReachable() {
    if (reachable) {
      return this;
    }
    try {
      stubs.blockingStub()
          .withDeadlineAfter(TemporalSettings.REACHABILITY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
          || code == Status.Code.UNKNOWN) {
        String why = code == Status.Code.DEADLINE_EXCEEDED
            ? "no answer within " + TemporalSettings.REACHABILITY_TIMEOUT.toSeconds() + " s"
            : describe(e);
        throw CliException.unreachable("Temporal", settings.address(), why, e);
      }
      if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
        throw CliException.failed("Temporal at " + settings.address() + " refused the credentials: "
            + describe(e), e);
      }
      if (code == Status.Code.UNIMPLEMENTED) {
        throw CliException.unreachable("Temporal", settings.address(),
            "something answers there, but not a Temporal frontend (" + describe(e) + ")", e);
      }
      // Anything else: Temporal answers, which is all this check asks.
    }
    reachable = true;
    return this;
  }

  private static String describe(StatusRuntimeException e) {
    String description = e.getStatus().getDescription();
    String cause = e.getCause() == null ? null : e.getCause().getMessage();
    String text = description == null ? e.getStatus().getCode().name() : description;
    if (cause != null && !cause.isBlank() && !text.contains(cause)) {
      text = text + " (" + cause + ")";
    }
    return text.lines().findFirst().orElse(text);
  }

  public WorkflowClient client() {
    return client;
  }

  public PaymentSagaClient payments() {
    return payments;
  }

  public String address() {
    return settings.address();
  }

  public String namespace() {
    return settings.namespace();
  }

  @Override
  public void close() {
    stubs.shutdownNow();
    stubs.awaitTermination(2, TimeUnit.SECONDS);
  }
}
