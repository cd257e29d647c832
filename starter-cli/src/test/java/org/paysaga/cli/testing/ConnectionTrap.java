package org.paysaga.cli.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback port that accepts connections, counts them and never answers: as an address it shows
 * whether a command touched the network at all, and it plays a server that does not respond.
 */
public final class ConnectionTrap implements AutoCloseable {
  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  public ConnectionTrap() {
    try {
      server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread acceptor = new Thread(this::accept, "connection-trap-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        sockets.add(server.accept());
        accepted.incrementAndGet();
      } catch (IOException e) {
        return;
      }
    }
  }

  public String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  public int connections() {
    return accepted.get();
  }

  @Override
  public void close() {
    try {
      server.close();
      for (Socket socket : sockets) {
        socket.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
