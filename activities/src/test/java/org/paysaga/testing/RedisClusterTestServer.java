package org.paysaga.testing;

import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.paysaga.testsupport.FreePorts;
import org.paysaga.testsupport.ManagedProcess;
import org.paysaga.testsupport.ProcessSpec;

/**
 * A real Redis Cluster of three masters on loopback for tests: three {@code redis-server}
 * processes in cluster mode (Debian's binary when installed, else the one embedded-redis ships),
 * joined with CLUSTER ADDSLOTS and CLUSTER MEET. Close it to stop them and delete their files.
 */
public final class RedisClusterTestServer implements AutoCloseable {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int SLOTS = 16384;
  /** Redis puts a node's cluster bus on its port + 10000, so a cluster node's port is at most 55535. */
  private static final int BUS_PORT_OFFSET = 10000;
  private static final int MAX_CLUSTER_PORT = 65535 - BUS_PORT_OFFSET;
  private static final String EMBEDDED_BINARY = "redis-server-6.2.6-v5-linux-amd64";

  private final Path dir;
  private final List<ManagedProcess> processes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private RedisClusterClient client;
  private StatefulRedisClusterConnection<String, String> connection;

  public RedisClusterTestServer() {
    try {
      dir = Files.createTempDirectory("redis-cluster-test");
      Path binary = binary();
      for (int i = 0; i < 3; i++) {
        int port = freePortWithFreeBusPort();
        ports.add(port);
        Path nodeDir = Files.createDirectories(dir.resolve("node-" + port));
        processes.add(ProcessSpec.command("redis-node-" + port, binary.toString(), "--port", Integer.toString(port),
                "--bind", LOOPBACK, "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--save", "", "--appendonly", "no", "--dir", nodeDir.toString())
            .log(nodeDir.resolve("redis.log")).start());
      }
      for (int i = 0; i < 3; i++) {
        processes.get(i).awaitPort(ports.get(i), Duration.ofSeconds(15));
      }
      join();
      client = RedisClusterClient.create(RedisURI.create(LOOPBACK, ports.get(0)));
      connection = client.connect();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start a Redis cluster", e);
    } catch (RuntimeException e) {
      close(); // a node that did not come up, or no cluster_state:ok: stop the others
      throw e;
    }
  }

  public StatefulRedisClusterConnection<String, String> connection() {
    return connection;
  }

  /** Splits the slots over the three nodes, introduces them, and waits for {@code cluster_state:ok}. */
  private void join() {
    List<RedisClient> nodes = new ArrayList<>();
    List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();
    try {
      for (int port : ports) {
        RedisClient node = RedisClient.create(RedisURI.create(LOOPBACK, port));
        nodes.add(node);
        connections.add(node.connect());
      }
      for (int i = 0; i < 3; i++) {
        int from = i * SLOTS / 3;
        int to = (i + 1) * SLOTS / 3;
        connections.get(i).sync().clusterAddSlots(IntStream.range(from, to).toArray());
      }
      for (int i = 1; i < 3; i++) {
        connections.get(0).sync().clusterMeet(LOOPBACK, ports.get(i));
      }
      await().alias("cluster_state:ok on every node").atMost(Duration.ofSeconds(30))
          .until(() -> connections.stream().allMatch(c -> c.sync().clusterInfo().contains("cluster_state:ok")));
    } finally {
      connections.forEach(StatefulRedisConnection::close);
      nodes.forEach(RedisClient::shutdown);
    }
  }

  private Path binary() throws IOException {
    Path debian = Path.of("/usr/bin/redis-server");
    if (Files.isExecutable(debian)) {
      return debian;
    }
    try (InputStream in = RedisClusterTestServer.class.getClassLoader().getResourceAsStream(EMBEDDED_BINARY)) {
      if (in == null) {
        throw new IOException("no redis-server: neither /usr/bin/redis-server nor " + EMBEDDED_BINARY);
      }
      Path copy = dir.resolve("redis-server");
      Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      copy.toFile().setExecutable(true);
      return copy;
    }
  }

  /**
   * A free loopback port whose cluster bus port (+10000) is free too. Redis refuses cluster mode
   * above 55535 (the bus port would not exist), and the kernel hands out ephemeral ports up to
   * 60999, so a plain free port fails about one node in five.
   */
  private int freePortWithFreeBusPort() {
    for (int tries = 0; tries < 200; tries++) {
      int port = FreePorts.free();
      if (port <= MAX_CLUSTER_PORT && !ports.contains(port) && FreePorts.isFree(port + BUS_PORT_OFFSET)) {
        return port;
      }
    }
    throw new IllegalStateException("no free loopback port <= " + MAX_CLUSTER_PORT + " with a free bus port");
  }

  @Override
  public void close() {
    if (connection != null) {
      connection.close();
    }
    if (client != null) {
      client.shutdown();
    }
    processes.forEach(ManagedProcess::close);
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      } catch (IOException e) {
        // Temp files only; nothing else to do.
      }
    }
  }
}
