package org.paysaga.local;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a {@link LocalStackException} as a short "APPLICATION FAILED TO START" report. */
public final class LocalStackFailureAnalyzer extends AbstractFailureAnalyzer<LocalStackException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, LocalStackException cause) {
    return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
  }
}
