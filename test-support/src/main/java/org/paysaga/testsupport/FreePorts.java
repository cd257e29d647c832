package org.paysaga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports nothing listens on, so test servers and child processes coexist with each other
 * and with a Temporal or Redis already on the machine. Free <em>now</em>: bind them soon.
 */
public final class FreePorts {
  private FreePorts() {}

  /** One free loopback port. */
  public static int free() {
    return distinct(1)[0];
  }

  /** {@code count} free loopback ports, all different: each is held until all are picked. */
  public static int[] distinct(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        held.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
      }
      return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    } finally {
      held.forEach(FreePorts::close);
    }
  }

  /** True when this port can be bound on loopback right now. */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private static void close(ServerSocket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing a listening socket nobody connected to: nothing to lose.
    }
  }
}
