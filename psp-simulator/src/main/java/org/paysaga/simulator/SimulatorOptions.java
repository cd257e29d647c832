package org.paysaga.simulator;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's command line: {@code --data-dir D} (required), {@code --port P} (0: a free one),
 * {@code --host H} (127.0.0.1), {@code --api-key K}, {@code --fault-rates error=0.05,drop=0.05,slow=0.05},
 * {@code --slow-ms 3000}. Errors name the option.
 */
record SimulatorOptions(Path dataDir, String host, int port, String apiKey, FaultPlan faults) {
  static final String USAGE = "usage: java -jar psp-simulator.jar --data-dir DIR [--port P] [--host H]"
      + " [--api-key KEY] [--fault-rates error=R,drop=R,slow=R] [--slow-ms MS]";

  static SimulatorOptions parse(String... args) {
    Path dataDir = null;
    String host = "127.0.0.1";
    int port = 0;
    String apiKey = null;
    String rates = null;
    long slowMs = 3_000;
    List<String> rest = new ArrayList<>(List.of(args));
    while (!rest.isEmpty()) {
      String option = rest.remove(0);
      if (option.equals("--help") || option.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (rest.isEmpty()) {
        throw new IllegalArgumentException(option.startsWith("--") ? option + " needs a value" : "unknown argument " + option);
      }
      String value = rest.remove(0);
      switch (option) {
        case "--data-dir" -> dataDir = Path.of(value);
        case "--host" -> host = value;
        case "--port" -> port = number(option, value, 0, 65_535);
        case "--api-key" -> apiKey = value.isBlank() ? null : value;
        case "--fault-rates" -> rates = value;
        case "--slow-ms" -> slowMs = number(option, value, 0, 600_000);
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    if (dataDir == null) {
      throw new IllegalArgumentException("--data-dir is required");
    }
    return new SimulatorOptions(dataDir, host, port, apiKey, FaultPlan.parse(rates, slowMs));
  }

  private static int number(String option, String value, int min, int max) {
    try {
      int number = Integer.parseInt(value);
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new IllegalArgumentException(option + " must be a number from " + min + " to " + max + ", not " + value);
  }
}
