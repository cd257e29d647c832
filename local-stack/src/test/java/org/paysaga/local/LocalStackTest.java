package org.paysaga.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.health.v1.HealthCheckResponse;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paysaga.testing.RedisTestServer;
import org.paysaga.redis.RedisEndpoint;
import org.paysaga.testsupport.FreePorts;

/** The local stack's choice per server: embedded, the one already there, or a clear error. */
class LocalStackTest {

  @Test
  void startsEmbeddedServersWhereNothingListens() throws IOException {
    int[] ports = FreePorts.distinct(2);
    int temporalPort = ports[0];
    int redisPort = ports[1];
    try (LocalStack stack = javaTestServerStack("127.0.0.1:" + temporalPort,
        RedisEndpoint.parse("redis://127.0.0.1:" + redisPort, false))) {
      assertThat(stack.temporal().origin()).isEqualTo(LocalStack.Origin.EMBEDDED);
      assertThat(stack.redis().origin()).isEqualTo(LocalStack.Origin.EMBEDDED);
      assertThat(stack.temporal().describe()).isEqualTo("127.0.0.1:" + temporalPort + " (embedded in this process, in memory)");
      assertThat(stack.temporal().uiUrl()).as("the Java test server has no UI").isNull();

      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + temporalPort).build());
      try {
        assertThat(stubs.healthCheck().getStatus()).isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
      } finally {
        stubs.shutdownNow();
      }
      RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
      try (StatefulRedisConnection<String, String> connection = client.connect()) {
        assertThat(connection.sync().ping()).isEqualTo("PONG");
      } finally {
        client.shutdown();
      }

      // A second local stack at the same addresses finds both and uses them.
      try (LocalStack second = javaTestServerStack("127.0.0.1:" + temporalPort,
          RedisEndpoint.parse("redis://127.0.0.1:" + redisPort, false))) {
        assertThat(second.temporal().origin()).isEqualTo(LocalStack.Origin.EXISTING);
        assertThat(second.temporal().javaTestServer()).as("it reports no server version").isTrue();
        assertThat(second.redis().origin()).isEqualTo(LocalStack.Origin.EXISTING);
        assertThat(second.redis().describe()).contains("already running there");
      }
    }
    // Closed: the ports are free again.
    assertThat(EndpointProbe.listening("127.0.0.1", temporalPort)).isFalse();
    assertThat(EndpointProbe.listening("127.0.0.1", redisPort)).isFalse();
  }

  @Test
  void usesARedisThatAlreadyAnswers() {
    RedisEndpoint redis = RedisEndpoint.parse(RedisTestServer.get().redisUri(), false);
    assertThat(EndpointProbe.redis(redis.first().getHost(), redis.first().getPort()).answer())
        .isEqualTo(EndpointProbe.Answer.EXPECTED);
  }

  @Test
  void aTemporalPortHeldBySomethingElseIsAClearError() throws IOException {
    // Something else that talks first, as an SSH server does.
    try (SilentServer other = new SilentServer("SSH-2.0-OpenSSH_9.2p1\r\n")) {
      assertThatThrownBy(() -> javaTestServerStack("127.0.0.1:" + other.port(),
              RedisEndpoint.parse("redis://127.0.0.1:" + FreePorts.free(), false)))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("TEMPORAL_ADDRESS 127.0.0.1:" + other.port()
              + " is held by something that is not a Temporal server")
          .satisfies(e -> assertThat(((LocalStackException) e).action()).contains("TEMPORAL_ADDRESS=127.0.0.1:"));
    }
  }

  @Test
  void aRedisPortHeldBySomethingElseIsAClearError() throws IOException {
    int temporalPort = FreePorts.free();
    try (SilentServer other = new SilentServer("HTTP/1.1 400 Bad Request\r\n\r\n")) {
      assertThatThrownBy(() -> javaTestServerStack("127.0.0.1:" + temporalPort,
              RedisEndpoint.parse("redis://127.0.0.1:" + other.port(), false)))
          .isInstanceOf(LocalStackException.class)
          .hasMessageContaining("REDIS_URL redis://127.0.0.1:" + other.port() + " is held by something that is not Redis")
          .hasMessageContaining("HTTP/1.1 400");
    }
    // The embedded Temporal server started before the Redis check failed is stopped again.
    assertThat(EndpointProbe.listening("127.0.0.1", temporalPort)).isFalse();
  }

  @Test
  void embedsOnLoopbackOnly() {
    assertThatThrownBy(() -> javaTestServerStack("192.0.2.1:7233", RedisEndpoint.parse("redis://127.0.0.1:1", false)))
        .isInstanceOf(LocalStackException.class)
        .hasMessageContaining("loopback");
  }

  @Test
  void parsesAddresses() {
    assertThat(LocalStack.HostPort.parse("127.0.0.1:7233", 7233, "X")).hasToString("127.0.0.1:7233");
    assertThat(LocalStack.HostPort.parse("localhost", 7233, "X")).hasToString("localhost:7233");
    assertThat(LocalStack.HostPort.parse("[::1]:7300", 7233, "X")).hasToString("[::1]:7300");
    assertThatThrownBy(() -> LocalStack.HostPort.parse("host:http", 7233, "TEMPORAL_ADDRESS"))
        .hasMessageContaining("TEMPORAL_ADDRESS 'host:http' has no valid port");
  }

  /** The fallback engine, so these tests need no temporal CLI. */
  private static LocalStack javaTestServerStack(String temporalTarget, RedisEndpoint redis) {
    return LocalStack.start(temporalTarget, false, "default", redis,
        new LocalProperties(LocalProperties.Engine.TEST_SERVER, null, null), Map.of(), null);
  }

  /** Accepts connections and answers each with a fixed text (or nothing), then hangs up. */
  static final class SilentServer implements AutoCloseable {
    private final ServerSocket socket;

    SilentServer(String reply) throws IOException {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      Thread accept = new Thread(() -> {
        while (!socket.isClosed()) {
          try (Socket client = socket.accept()) {
            if (reply != null) {
              OutputStream out = client.getOutputStream();
              out.write(reply.getBytes(StandardCharsets.US_ASCII));
              out.flush();
            }
            Thread.sleep(200); // not polling: it holds the connection a moment, then hangs up
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      }, "silent-server");
      accept.setDaemon(true);
      accept.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
