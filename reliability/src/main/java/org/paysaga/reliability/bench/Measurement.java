package org.paysaga.reliability.bench;

import java.util.Map;

/**
 * One measurement: one variant on a fresh test server and a fresh worker JVM.
 *
 * @param load the timed sagas, {@code concurrency} in flight
 * @param unloaded sagas run one at a time: latency without queueing for the 2 cores
 * @param callsPerSaga Redis commands per saga by command ({@code INFO commandstats} over the timed
 *     sagas, Lua-internal commands included; the probe's own commands left out)
 * @param census the client/Lua split of one saga's commands, from MONITOR (first round only)
 */
record Measurement(
    Variant variant,
    int round,
    LoadRun.Result load,
    LoadRun.Result unloaded,
    double workerCpuSecondsPer1000,
    long workerRssBytes,
    long workerPeakRssBytes,
    Map<String, Double> callsPerSaga,
    Footprint footprint,
    Census census) {

  double totalCallsPerSaga() {
    return callsPerSaga.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /**
   * Redis memory a finished saga keeps for the 7-day window, averaged over a sample.
   *
   * @param sagaLayerBytes keys of the saga layer ({@code saga:{id}:barrier})
   * @param sandboxBytes keys of the sandbox payment services ({@code saga:{id}:sandbox:...})
   * @param keysWithoutTtl sampled keys that would never expire (must be 0)
   * @param usedMemoryPerSaga {@code used_memory} growth over the timed sagas, per saga (allocator view)
   */
  record Footprint(double sagaLayerBytes, double sandboxBytes, double keysPerSaga, long keysWithoutTtl,
      double usedMemoryPerSaga) {
    double totalBytes() {
      return sagaLayerBytes + sandboxBytes;
    }
  }

  /**
   * One saga's commands by source, averaged over the census sagas.
   *
   * @param clientCommands round trips per saga by command
   * @param roundTripsByOwner round trips per saga by whose keys they touch
   */
  record Census(int sagas, Map<String, Double> clientCommands, Map<MonitorCensus.Owner, Double> roundTripsByOwner,
      double luaCalls) {
    double roundTrips() {
      return clientCommands.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double roundTrips(MonitorCensus.Owner owner) {
      return roundTripsByOwner.getOrDefault(owner, 0.0);
    }
  }
}
