package org.paysaga.reliability.bench;

import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.paysaga.payment.PaymentRequest;
import org.paysaga.reliability.report.Percentiles;

/**
 * A closed loop: {@code concurrency} callers each run a payment to its end, then the next, until
 * all are done. Latency is the caller's: from the start request to the result.
 */
final class LoadRun {
  private LoadRun() {}

  /** Latencies (ns, sorted), wall time (ns) and the failures, in words. */
  record Result(long[] latenciesNanos, long wallNanos, List<String> failures) {
    double throughput() {
      return latenciesNanos.length / (wallNanos / 1e9);
    }

    double percentileMillis(double quantile) {
      return latenciesNanos.length == 0 ? Double.NaN : Percentiles.nearestRank(latenciesNanos, quantile) / 1e6;
    }
  }

  static Result run(Variant variant, WorkflowClient client, List<PaymentRequest> requests, int concurrency) {
    long[] latencies = new long[requests.size()];
    List<String> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger next = new AtomicInteger();
    ExecutorService callers = Executors.newFixedThreadPool(concurrency);
    long begin = System.nanoTime();
    try {
      List<Future<?>> loops = new ArrayList<>();
      for (int c = 0; c < concurrency; c++) {
        loops.add(callers.submit(() -> {
          for (int i = next.getAndIncrement(); i < requests.size(); i = next.getAndIncrement()) {
            long started = System.nanoTime();
            try {
              variant.run(client, requests.get(i));
            } catch (Exception e) {
              failures.add(requests.get(i).paymentNo() + ": " + e);
            }
            latencies[i] = System.nanoTime() - started;
          }
        }));
      }
      for (Future<?> loop : loops) {
        loop.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("the load run broke", e);
    } finally {
      callers.shutdownNow();
    }
    long wall = System.nanoTime() - begin;
    Arrays.sort(latencies);
    return new Result(latencies, wall, List.copyOf(failures));
  }
}
