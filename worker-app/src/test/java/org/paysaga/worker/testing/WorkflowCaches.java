package org.paysaga.worker.testing;

import io.temporal.internal.worker.WorkflowExecutorCache;
import io.temporal.worker.WorkerFactory;
import java.lang.reflect.Method;

/**
 * Forces replays: empties a worker factory's workflow cache (what a worker restart does), so the
 * next task of every open workflow replays its whole history first.
 */
public final class WorkflowCaches {
  private WorkflowCaches() {}

  public static void evictAll(WorkerFactory factory) {
    try {
      Method getCache = WorkerFactory.class.getDeclaredMethod("getCache");
      getCache.setAccessible(true);
      ((WorkflowExecutorCache) getCache.invoke(factory)).invalidateAll();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach the worker factory's workflow cache", e);
    }
  }

  public static long size(WorkerFactory factory) {
    try {
      Method getCache = WorkerFactory.class.getDeclaredMethod("getCache");
      getCache.setAccessible(true);
      return ((WorkflowExecutorCache) getCache.invoke(factory)).size();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach the worker factory's workflow cache", e);
    }
  }
}
