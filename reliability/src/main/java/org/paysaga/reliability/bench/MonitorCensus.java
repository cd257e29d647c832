package org.paysaga.reliability.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tells the client's round trips from the commands Lua scripts run, which {@code INFO
 * commandstats} counts alike: {@code MONITOR} prints each command with its source, a client's
 * address or {@code lua}. Only for a short census of a few sagas: MONITOR slows Redis down.
 */
final class MonitorCensus implements AutoCloseable {
  private final Socket socket;
  private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
  private final Thread reader;

  private MonitorCensus(Socket socket) {
    this.socket = socket;
    this.reader = new Thread(this::read, "redis-monitor");
    reader.setDaemon(true);
  }

  static MonitorCensus start(String redisUrl) {
    URI uri = URI.create(redisUrl);
    try {
      Socket socket = new Socket(uri.getHost(), uri.getPort());
      OutputStream out = socket.getOutputStream();
      out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      MonitorCensus census = new MonitorCensus(socket);
      census.reader.start();
      return census;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot MONITOR " + redisUrl, e);
    }
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // closed
    }
  }

  /** Commands of one saga (lines naming its ID), by source: client round trips and Lua calls. */
  SagaCommands commandsOf(String sagaId) {
    Map<String, Integer> client = new TreeMap<>();
    Map<Owner, Integer> clientByOwner = new TreeMap<>();
    Map<String, Integer> lua = new TreeMap<>();
    synchronized (lines) {
      for (String line : lines) {
        if (!line.contains(sagaId)) {
          continue;
        }
        MonitorLine parsed = MonitorLine.parse(line);
        (parsed.fromLua() ? lua : client).merge(parsed.command(), 1, Integer::sum);
        if (!parsed.fromLua()) {
          clientByOwner.merge(parsed.owner(), 1, Integer::sum);
        }
      }
    }
    return new SagaCommands(client, clientByOwner, lua);
  }

  /**
   * Whose keys a command touches: the payment services' (the sandbox's, the effect itself), the
   * saga layer's idempotency barrier, or the saga layer's registry and DLQ.
   */
  enum Owner {
    EFFECT, BARRIER, REGISTRY_AND_DLQ;

    static Owner of(String line) {
      if (line.contains("}:sandbox:")) {
        return EFFECT;
      }
      return line.contains("}:barrier") ? BARRIER : REGISTRY_AND_DLQ;
    }
  }

  /** One saga's Redis commands: sent by the client (each a round trip) and run inside scripts. */
  record SagaCommands(Map<String, Integer> client, Map<Owner, Integer> clientByOwner, Map<String, Integer> lua) {
    int luaCalls() {
      return lua.values().stream().mapToInt(Integer::intValue).sum();
    }
  }

  /** {@code +1700000000.123 [0 127.0.0.1:5555] "evalsha" ...} or {@code [0 lua] "hget" ...}. */
  record MonitorLine(boolean fromLua, String command, Owner owner) {
    static MonitorLine parse(String line) {
      int open = line.indexOf('[');
      int close = line.indexOf(']', open);
      if (open < 0 || close < 0) {
        throw new IllegalArgumentException("not a MONITOR line: " + line);
      }
      String source = line.substring(open + 1, close);
      int quote = line.indexOf('"', close);
      int end = line.indexOf('"', quote + 1);
      return new MonitorLine(source.endsWith(" lua"), line.substring(quote + 1, end).toLowerCase(), Owner.of(line));
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do
    }
    try {
      reader.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
