package org.paysaga.worker.temporal;

import java.time.Duration;
import org.springframework.context.ApplicationEvent;

/** The workers poll Temporal now. */
public final class WorkersStartedEvent extends ApplicationEvent {
  private final Duration sinceJvmStart;
  private final boolean javaTestServer;

  /** @param javaTestServer the server is Temporal's Java test server (no visibility, no UI) */
  public WorkersStartedEvent(Object source, Duration sinceJvmStart, boolean javaTestServer) {
    super(source);
    this.sinceJvmStart = sinceJvmStart;
    this.javaTestServer = javaTestServer;
  }

  public boolean javaTestServer() {
    return javaTestServer;
  }

  /** From the JVM's start to the workers' first poll: the worker's start time. */
  public Duration sinceJvmStart() {
    return sinceJvmStart;
  }
}
