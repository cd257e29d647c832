package org.paysaga.reliability.realserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.paysaga.testsupport.ProcessResult;

/** The one JSON object a {@code saga ... --json} run printed. */
final class CliJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private CliJson() {}

  static JsonNode of(ProcessResult run) {
    try {
      return JSON.readTree(run.stdout());
    } catch (IOException e) {
      throw new AssertionError("printed no JSON: " + run, e);
    }
  }
}
