package org.paysaga.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.paysaga.cli.output.Json;
import org.paysaga.testsupport.ProcessResult;

/** What one run of the command line did: exit code, stdout, stderr, how long it took. */
public record CliRun(int exitCode, String out, String err, long millis) {

  /** A run of the real jar as a process. */
  public static CliRun of(ProcessResult process) {
    return new CliRun(process.exitCode(), process.stdout(), process.stderr(), process.elapsed().toMillis());
  }

  /** Stdout as the one JSON object {@code --json} promises (fails when it is anything else). */
  public JsonNode json() {
    try {
      JsonNode node = Json.mapper().readTree(out);
      if (node == null || !node.isObject()) {
        throw new AssertionError("stdout is not one JSON object: " + out);
      }
      // readTree reads the first value only: make sure nothing follows it.
      try (var parser = Json.mapper().createParser(out)) {
        parser.readValueAsTree();
        if (parser.nextToken() != null) {
          throw new AssertionError("stdout holds more than one JSON value: " + out);
        }
      }
      return node;
    } catch (IOException e) {
      throw new UncheckedIOException("stdout is not JSON: " + out + "\nstderr: " + err, e);
    }
  }

  @Override
  public String toString() {
    return "exit " + exitCode + " after " + millis + " ms\n--- stdout\n" + out + "--- stderr\n" + err;
  }
}
