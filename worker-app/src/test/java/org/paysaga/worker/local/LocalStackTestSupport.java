package org.paysaga.worker.local;

/** Lets tests outside this package ask what the local profile would find. */
public final class LocalStackTestSupport {
  private LocalStackTestSupport() {}

  public static boolean temporalCliFound() {
    return TemporalCli.locate(null, System.getenv()).isPresent();
  }
}
