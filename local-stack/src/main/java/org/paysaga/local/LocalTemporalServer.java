package org.paysaga.local;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.paysaga.saga.SagaSearchAttributes;

/**
 * Temporal's Java test server bound to one loopback address, in real time (time skipping locked
 * off), in memory. It is what {@code TestServer.createPortBoundServer(port)} builds, except that it
 * listens on the given address only instead of on every interface.
 */
final class LocalTemporalServer implements LocalServer {
  private final TestServicesStarter services;
  private final Server server;

  private LocalTemporalServer(TestServicesStarter services, Server server) {
    this.services = services;
    this.server = server;
  }

  static LocalTemporalServer start(String host, int port, String namespace) {
    // lockTimeSkipping = true: timers fire in real time, as on a real server.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      NettyServerBuilder builder =
          NettyServerBuilder.forAddress(new InetSocketAddress(host, port), InsecureServerCredentials.create());
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      LocalTemporalServer server = new LocalTemporalServer(services, builder.build().start());
      registerSearchAttributes(host + ":" + port, namespace);
      return server;
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("Cannot start the embedded Temporal test server on " + host + ":" + port, e);
    }
  }

  /**
   * A Java test server starts without custom search attributes, and cannot list them for the
   * worker's check: register the ones the sagas upsert.
   */
  static void registerSearchAttributes(String target, String namespace) {
    SagaSearchAttributes.register(target, namespace);
  }

  @Override
  public void close() {
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    services.close();
  }
}
