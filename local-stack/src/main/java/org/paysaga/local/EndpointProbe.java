package org.paysaga.local;

import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** What answers at a host and port: nothing, the expected server, or something else. */
final class EndpointProbe {
  enum Answer { NOTHING, EXPECTED, SOMETHING_ELSE }

  /** @param serverVersion what a Temporal server reports ({@code 1.29.1}); empty from Temporal's Java test server */
  record Result(Answer answer, String detail, String serverVersion) {
    Result(Answer answer, String detail) {
      this(answer, detail, "");
    }
  }

  private static final int CONNECT_TIMEOUT_MS = 1000;

  private EndpointProbe() {}

  /** True when something accepts TCP connections there. */
  static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (ConnectException | SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A Temporal frontend answers the gRPC health check of the WorkflowService. The first call of a
   * cold JVM on a busy machine can take seconds, so a deadline is given a second, longer chance;
   * something that does not speak gRPC fails fast (UNAVAILABLE) or stays silent through both.
   */
  static Result temporal(String host, int port) {
    if (!listening(host, port)) {
      return new Result(Answer.NOTHING, "nothing listens");
    }
    Result result = null;
    for (Duration deadline : new Duration[] {Duration.ofSeconds(5), Duration.ofSeconds(10)}) {
      result = temporalHealth(host, port, deadline);
      if (result.answer() == Answer.EXPECTED || !result.detail().contains("DEADLINE_EXCEEDED")) {
        return result;
      }
    }
    return result;
  }

  private static Result temporalHealth(String host, int port, Duration deadline) {
    WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(host + ":" + port)
        .setHealthCheckAttemptTimeout(deadline)
        .build());
    try {
      HealthCheckResponse response = stubs.healthCheck();
      if (response.getStatus() != HealthCheckResponse.ServingStatus.SERVING) {
        return new Result(Answer.SOMETHING_ELSE, "gRPC health check answered " + response.getStatus());
      }
      // The real server reports its version; Temporal's Java test server reports none.
      String version = stubs.blockingStub().withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance()).getServerVersion();
      return new Result(Answer.EXPECTED, "Temporal health check: SERVING", version);
    } catch (StatusRuntimeException e) {
      String description = e.getStatus().getDescription() == null ? "" : e.getStatus().getDescription();
      return new Result(Answer.SOMETHING_ELSE, "no Temporal gRPC health check answer ("
          + e.getStatus().getCode() + (description.isEmpty() ? "" : ": " + shorten(description)) + ")");
    } catch (RuntimeException e) {
      return new Result(Answer.SOMETHING_ELSE, "no Temporal gRPC health check answer ("
          + e.getClass().getSimpleName() + ": " + shorten(String.valueOf(e.getMessage())) + ")");
    } finally {
      stubs.shutdownNow();
      stubs.awaitTermination(2, TimeUnit.SECONDS);
    }
  }

  private static String shorten(String text) {
    int cut = text.indexOf(". ");
    String first = cut > 0 ? text.substring(0, cut) : text;
    return first.length() > 120 ? first.substring(0, 120) + "..." : first;
  }

  /** A Redis answers PING with +PONG (or refuses it for want of AUTH, which is Redis too). */
  static Result redis(String host, int port) {
    try (Socket socket = new Socket()) {
      try {
        socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      } catch (IOException e) {
        return new Result(Answer.NOTHING, "nothing listens");
      }
      socket.setSoTimeout(2000);
      OutputStream out = socket.getOutputStream();
      out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line = readLine(socket.getInputStream());
      if (line.startsWith("+PONG") || line.startsWith("-NOAUTH") || line.startsWith("-WRONGPASS")) {
        return new Result(Answer.EXPECTED, "Redis answered PING: " + line);
      }
      return new Result(Answer.SOMETHING_ELSE, line.isEmpty() ? "no answer to PING" : "PING answered '" + line + "'");
    } catch (IOException e) {
      return new Result(Answer.SOMETHING_ELSE, "no answer to PING (" + e.getMessage() + ")");
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while (line.length() < 200 && (c = in.read()) >= 0 && c != '\n') {
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }
}
