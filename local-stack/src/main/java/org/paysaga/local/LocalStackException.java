package org.paysaga.local;

/** The local stack cannot provide Temporal or Redis where the configuration points. */
public final class LocalStackException extends IllegalStateException {
  private final String action;

  LocalStackException(String message, String action) {
    super(message);
    this.action = action;
  }

  /** What the user can do about it. */
  public String action() {
    return action;
  }
}
