package org.paysaga.activity;

import java.time.Duration;

/** Hears of every payment service call the activities make: the worker app turns them into metrics. */
@FunctionalInterface
public interface ServiceCallObserver {
  ServiceCallObserver NONE = (port, step, outcome, took) -> {};

  /** What came of one call; {@code step} is the activity type that made it. */
  void called(ServicePort port, String step, Outcome outcome, Duration took);

  enum Outcome {
    /** The service answered with a reference (or nothing to undo). */
    SUCCESS,
    /** A business refusal. */
    REFUSED,
    /** The service did not take the call. */
    UNAVAILABLE,
    /** No answer came: the outcome was settled afterwards, or the step is retried with the same key. */
    UNKNOWN
  }
}
