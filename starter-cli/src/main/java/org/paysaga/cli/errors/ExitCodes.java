package org.paysaga.cli.errors;

/** The exit codes of the {@code saga} command line (docs/cli.md, "Exit codes"). */
public final class ExitCodes {
  /** Done. */
  public static final int OK = 0;
  /** The saga ended other than {@code COMPLETED} (with {@code --wait}), or the operation failed. */
  public static final int FAILED = 1;
  /** Bad usage or input: nothing was started. */
  public static final int USAGE = 2;
  /** No such saga or DLQ entry. */
  public static final int NOT_FOUND = 3;
  /** Temporal or Redis did not answer; the message names the address. */
  public static final int UNREACHABLE = 4;

  private ExitCodes() {}
}
