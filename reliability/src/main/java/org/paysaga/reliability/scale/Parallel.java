package org.paysaga.reliability.scale;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

/**
 * Runs the product's synchronous store calls for a range of sequence numbers on many threads at
 * once: on one shared Lettuce connection their commands go out pipelined, so a million sagas'
 * writes take minutes, through the same code as in the workers.
 */
final class Parallel {
  private Parallel() {}

  /** {@code each} for every number in {@code [from, to)}, striped over {@code threads}. */
  static void forEach(long from, long to, int threads, LongConsumer each) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> stripes = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long first = from + t;
        stripes.add(pool.submit(() -> {
          for (long i = first; i < to; i += threads) {
            each.accept(i);
          }
        }));
      }
      for (Future<?> stripe : stripes) {
        stripe.get();
      }
    } catch (ExecutionException e) {
      throw new IllegalStateException("a writer failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } finally {
      pool.shutdownNow();
    }
  }
}
