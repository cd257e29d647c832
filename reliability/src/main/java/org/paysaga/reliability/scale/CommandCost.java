package org.paysaga.reliability.scale;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.paysaga.reliability.bench.RedisProbe;

/**
 * The Redis commands of one call, from the {@code INFO commandstats} delta over many calls: per
 * command (those run inside Lua scripts included, as Redis counts them) and the server's time.
 *
 * @param perCall commands per call, by command name
 * @param serverMicros microseconds Redis spent per call (no round trip); scripts count twice,
 *     once as EVALSHA and once per command inside, so this is for calls without scripts
 */
record CommandCost(Map<String, Double> perCall, double serverMicros) {
  static CommandCost measure(RedisProbe probe, int calls, Runnable call) {
    probe.resetStats();
    for (int i = 0; i < calls; i++) {
      call.run();
    }
    Map<String, Long> counts = probe.commandCalls();
    Map<String, Long> micros = probe.commandMicros();
    Map<String, Double> perCall = new TreeMap<>();
    double serverMicros = 0;
    for (Map.Entry<String, Long> count : counts.entrySet()) {
      if (!RedisProbe.PROBE_COMMANDS.contains(count.getKey())) {
        perCall.put(count.getKey(), (double) count.getValue() / calls);
        serverMicros += (double) micros.getOrDefault(count.getKey(), 0L) / calls;
      }
    }
    return new CommandCost(perCall, serverMicros);
  }

  double total() {
    return perCall.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** {@code evalsha 1, hget 20}: what the tables show. */
  String breakdown() {
    return perCall.entrySet().stream()
        .map(e -> e.getKey() + " " + ScaleTables.number(e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
