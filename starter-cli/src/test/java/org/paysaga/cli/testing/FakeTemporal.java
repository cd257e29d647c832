package org.paysaga.cli.testing;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.ssl.SslContext;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Temporal frontend that knows no workflows, optionally behind TLS, recording the
 * {@code authorization} header of every call: enough to see how the command line connects.
 */
public final class FakeTemporal implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final Server server;
  private final List<String> authorizations = new CopyOnWriteArrayList<>();

  public FakeTemporal(SslContext tls) {
    ServerInterceptor recorder = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        authorizations.add(authorization == null ? "" : authorization);
        return next.startCall(call, headers);
      }
    };
    NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(ServerInterceptors.intercept(new KnowsNothing(), recorder));
    if (tls != null) {
      builder.sslContext(tls);
    }
    try {
      server = builder.build().start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String address() {
    return "127.0.0.1:" + server.getPort();
  }

  /** The authorization header of each call received ("" when absent). */
  public List<String> authorizations() {
    return authorizations;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  private static final class KnowsNothing extends WorkflowServiceGrpc.WorkflowServiceImplBase {
    @Override
    public void getSystemInfo(GetSystemInfoRequest request, StreamObserver<GetSystemInfoResponse> response) {
      response.onNext(GetSystemInfoResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public void describeWorkflowExecution(
        DescribeWorkflowExecutionRequest request, StreamObserver<DescribeWorkflowExecutionResponse> response) {
      response.onError(Status.NOT_FOUND.withDescription("workflow not found for ID: "
          + request.getExecution().getWorkflowId()).asRuntimeException());
    }
  }
}
