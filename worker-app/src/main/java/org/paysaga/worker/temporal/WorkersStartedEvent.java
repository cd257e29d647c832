package org.paysaga.worker.temporal;

import java.time.Duration;
import org.springframework.context.ApplicationEvent;

/** The workers poll Temporal now. */
public final class WorkersStartedEvent extends ApplicationEvent {
  private final Duration sinceJvmStart;

  public WorkersStartedEvent(Object source, Duration sinceJvmStart) {
    super(source);
    this.sinceJvmStart = sinceJvmStart;
  }

  /** From the JVM's start to the workers' first poll: the worker's start time. */
  public Duration sinceJvmStart() {
    return sinceJvmStart;
  }
}
