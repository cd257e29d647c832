package org.paysaga.cli.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.paysaga.cli.SagaCli;
import org.paysaga.testsupport.TestPayloadKeys;

/** Runs the command line in-process, with an environment of its own, capturing stdout and stderr. */
public final class Cli {
  private final Map<String, String> environment;

  /** With the tests' payload key ({@link TestPayloadKeys}) unless {@code environment} sets one. */
  public Cli(Map<String, String> environment) {
    Map<String, String> withKey = new HashMap<>(environment);
    withKey.putIfAbsent(TestPayloadKeys.VARIABLE, TestPayloadKeys.KEYS);
    this.environment = Map.copyOf(withKey);
  }

  /** A command line whose environment has these variables too. */
  public Cli with(String variable, String value) {
    Map<String, String> more = new HashMap<>(environment);
    more.put(variable, value);
    return new Cli(more);
  }

  public CliRun run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    long started = System.nanoTime();
    int exitCode = SagaCli.run(environment, new PrintWriter(out, true), new PrintWriter(err, true), args);
    long millis = (System.nanoTime() - started) / 1_000_000;
    return new CliRun(exitCode, out.toString(), err.toString(), millis);
  }
}
