package org.paysaga.testsupport;

import java.time.Duration;

/** How a process that ran to its end ended: exit code, stdout, stderr, and how long it took. */
public record ProcessResult(String name, int exitCode, String stdout, String stderr, Duration elapsed) {

  @Override
  public String toString() {
    return name + ": exit " + exitCode + " after " + elapsed.toMillis() + " ms\n--- stdout\n" + stdout
        + "\n--- stderr\n" + stderr;
  }
}
