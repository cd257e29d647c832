package org.paysaga.worker.temporal;

import org.springframework.context.SmartLifecycle;

/**
 * Something the app starts in the background once an event says it can (the workers once the app
 * is ready, the sweeper once the workers poll): on a daemon thread of its own, retried by the
 * subclass for as long as the app runs, so it never holds up the app's start or its shutdown.
 */
public abstract class BackgroundStart implements SmartLifecycle {
  private volatile boolean running;
  private volatile Thread thread;

  /** Runs {@link #attemptUntilDone()} on a new daemon thread with this name. */
  protected final void launch(String threadName) {
    Thread starter = new Thread(this::attemptUntilDone, threadName);
    starter.setDaemon(true);
    thread = starter;
    starter.start();
  }

  /** Tries until done or until the app stops ({@link #isRunning()} false, the thread interrupted). */
  protected abstract void attemptUntilDone();

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
